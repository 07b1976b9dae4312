import { randomBytes } from 'node:crypto';
import type { Contact, Conversation, FriendRequest } from '@tessera/protocol';
import { Api } from './client';

export interface TestUser {
  id: string;
  handle: string;
  token: string;
  password: string;
  api: Api;
}

/** Registers a new user with a unique Tessera ID. */
export async function makeUser(baseUrl: string, overrides: { handle?: string; phone?: string; nickname?: string } = {}): Promise<TestUser> {
  const handle = overrides.handle ?? `user_${randomBytes(5).toString('hex')}`;
  const password = 'correct horse battery';
  const body = await new Api(baseUrl).ok<{ token: string; profile: { id: string } }>('POST', '/api/v1/accounts', {
    handle,
    password,
    ...(overrides.phone ? { phone: overrides.phone } : {}),
    ...(overrides.nickname ? { nickname: overrides.nickname } : {}),
    deviceName: 'test',
  });
  return { id: body.profile.id, handle, token: body.token, password, api: new Api(baseUrl, body.token) };
}

/** Makes two users contacts (request + accept) and returns their direct conversation's id. */
export async function makeContacts(a: TestUser, b: TestUser): Promise<string> {
  const request = await a.api.ok<FriendRequest>('POST', '/api/v1/friend-requests', { toUserId: b.id, greeting: 'hello' });
  await b.api.ok('POST', `/api/v1/friend-requests/${request.id}/answer`, { accept: true });
  const { conversations } = await a.api.ok<{ conversations: Conversation[] }>('GET', '/api/v1/conversations');
  const direct = conversations.find((conversation) => conversation.kind === 'direct' && conversation.peerId === b.id);
  if (!direct) throw new Error('no direct conversation after accepting');
  return direct.id;
}

export type { Contact };
