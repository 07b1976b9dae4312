import { randomBytes } from 'node:crypto';
import type { Contact, Conversation, FriendRequest } from '@tessera/protocol';
import sharp from 'sharp';
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

/** Uploads a small generated PNG as the user and returns its media id. */
export async function uploadImage(user: TestUser, size = 64): Promise<string> {
  const bytes = await sharp({ create: { width: size, height: size, channels: 3, background: { r: 7, g: 193, b: 96 } } })
    .png()
    .toBuffer();
  const response = await fetch(`${user.api.baseUrl}/api/v1/media?kind=image`, {
    method: 'POST',
    headers: { authorization: `Bearer ${user.token}`, 'content-type': 'image/png' },
    body: new Uint8Array(bytes),
  });
  if (response.status !== 200 && response.status !== 201) throw new Error(`upload failed with ${response.status}`);
  return ((await response.json()) as { id: string }).id;
}

export type { Contact };

/** The payment password the wallet factories set. */
export const testPaymentPassword = '246810';

/** Gives the user a payment password and `amount` of test money in their wallet. */
export async function fundWallet(user: TestUser, amount: number): Promise<void> {
  await user.api.ok('PUT', '/api/v1/wallet/payment-password', { newPassword: testPaymentPassword, loginPassword: user.password });
  if (amount > 0) await user.api.ok('POST', '/api/v1/wallet/top-ups', { amount, idempotencyKey: `fund-${randomBytes(8).toString('hex')}` });
}

/** A fresh idempotency key. */
export function newIdempotencyKey(): string {
  return `key-${randomBytes(10).toString('hex')}`;
}
