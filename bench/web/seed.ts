import WebSocket from 'ws';
import { rest } from '../lib/rest';

export interface SeededChat {
  alice: { handle: string; password: string; token: string };
  bobName: string;
  conversationId: string;
}

const password = 'benchmark password';

/** Alice and Bob, contacts, and `count` messages from Bob to Alice sent over Bob's socket. */
export async function seedChat(baseUrl: string, count: number, window: number): Promise<SeededChat> {
  const run = Math.random().toString(36).slice(2, 8);
  const register = (handle: string, nickname: string) =>
    rest<{ token: string; profile: { id: string } }>(baseUrl, 'POST', '/api/v1/accounts', undefined, { handle, password, nickname, deviceName: 'bench' });
  const alice = await register(`alice_${run}`, 'Alice');
  const bob = await register(`bob_${run}`, 'Bob');
  const request = await rest<{ id: string }>(baseUrl, 'POST', '/api/v1/friend-requests', bob.token, { toUserId: alice.profile.id, greeting: 'hi' });
  await rest(baseUrl, 'POST', `/api/v1/friend-requests/${request.id}/answer`, alice.token, { accept: true });
  const { conversations } = await rest<{ conversations: { id: string; kind: string; peerId: string | null }[] }>(baseUrl, 'GET', '/api/v1/conversations', bob.token);
  const conversationId = conversations.find((conversation) => conversation.kind === 'direct' && conversation.peerId === alice.profile.id)!.id;
  await sendMany(baseUrl, bob.token, conversationId, count, window);
  return { alice: { handle: `alice_${run}`, password, token: alice.token }, bobName: 'Bob', conversationId };
}

/** The text of the n-th seeded message (1-based); lengths vary so rows have different heights. */
export function seededText(n: number): string {
  const filler = n % 7 === 0 ? ' — a longer line that wraps onto a second row of the bubble so heights vary like a real chat' : '';
  return `bench message ${n}${filler}`;
}

async function sendMany(baseUrl: string, token: string, conversationId: string, count: number, window: number): Promise<void> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`);
  await new Promise<void>((resolve, reject) => {
    let sent = 0;
    let acked = 0;
    const sendNext = () => {
      sent += 1;
      socket.send(JSON.stringify({ type: 'send', id: `s${sent}`, conversationId, clientMsgId: `seed-${sent}`, content: { kind: 'text', body: { text: seededText(sent) } } }));
    };
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as { type: string; code?: string };
      if (frame.type === 'ready') {
        while (sent < Math.min(window, count)) sendNext();
      } else if (frame.type === 'ack') {
        acked += 1;
        if (acked === count) resolve();
        else if (sent < count) sendNext();
      } else if (frame.type === 'error') {
        reject(new Error(`seeding failed: ${frame.code}`));
      }
    });
    socket.on('error', reject);
  });
  socket.close();
}
