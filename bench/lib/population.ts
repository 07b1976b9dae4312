import { randomBytes } from 'node:crypto';
import { mapLimit, rest } from './rest';

export interface BenchUser {
  id: string;
  token: string;
}

/** Two users who are contacts, with their direct conversation. */
export interface BenchPair {
  a: BenchUser;
  b: BenchUser;
  conversationId: string;
}

const password = 'benchmark password';

/** Registers `count` users over REST with bounded concurrency (each costs one scrypt hash on the server). */
export async function registerUsers(baseUrl: string, count: number, concurrency: number): Promise<BenchUser[]> {
  const run = randomBytes(3).toString('hex');
  return mapLimit(Array.from({ length: count }), concurrency, async (_, index) => {
    const body = await rest<{ token: string; profile: { id: string } }>(baseUrl, 'POST', '/api/v1/accounts', undefined, {
      handle: `b${run}_${index}`,
      password,
      deviceName: 'bench',
    });
    return { id: body.profile.id, token: body.token };
  });
}

/** Makes a and b contacts (request + accept) and finds their direct conversation. */
export async function befriend(baseUrl: string, a: BenchUser, b: BenchUser): Promise<BenchPair> {
  const request = await rest<{ id: string }>(baseUrl, 'POST', '/api/v1/friend-requests', a.token, { toUserId: b.id, greeting: 'hi' });
  await rest(baseUrl, 'POST', `/api/v1/friend-requests/${request.id}/answer`, b.token, { accept: true });
  const { conversations } = await rest<{ conversations: { id: string; kind: string; peerId?: string | null }[] }>(
    baseUrl,
    'GET',
    '/api/v1/conversations',
    a.token,
  );
  const direct = conversations.find((conversation) => conversation.kind === 'direct' && conversation.peerId === b.id);
  if (!direct) throw new Error('no direct conversation after accepting a friend request');
  return { a, b, conversationId: direct.id };
}

/** Pairs users 0-1, 2-3, ... as contacts. */
export async function befriendPairs(baseUrl: string, users: BenchUser[], concurrency: number): Promise<BenchPair[]> {
  const pairs = Array.from({ length: Math.floor(users.length / 2) }, (_, index) => [users[2 * index]!, users[2 * index + 1]!] as const);
  return mapLimit(pairs, concurrency, ([a, b]) => befriend(baseUrl, a, b));
}
