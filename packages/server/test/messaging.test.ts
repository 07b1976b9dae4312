import type { Conversation, Message, ServerFrame, TimelineEvent } from '@tessera/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WsClient } from './client';
import { engines } from './databases';
import { makeContacts, makeUser, type TestUser } from './factories';
import { startTestServer, type TestServer } from './harness';

describe.each(engines)('messaging on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(async () => server?.close());

  async function pair(): Promise<{ alice: TestUser; bob: TestUser; conversationId: string }> {
    const alice = await makeUser(server.url);
    const bob = await makeUser(server.url);
    return { alice, bob, conversationId: await makeContacts(alice, bob) };
  }

  it('delivers a message live, acknowledges it with a seq, and is idempotent on clientMsgId', async () => {
    const { alice, bob, conversationId } = await pair();
    const aliceWs = await WsClient.connect(server.url, alice.token);
    const bobWs = await WsClient.connect(server.url, bob.token);
    await aliceWs.request({ type: 'sync', cursor: 0 });
    await bobWs.request({ type: 'sync', cursor: 0 });
    const send = { type: 'send', conversationId, clientMsgId: 'c-1', content: { kind: 'text', body: { text: '你好 @bob 😀' } } };
    const ack = (await aliceWs.request(send)) as Extract<ServerFrame, { type: 'ack' }>;
    expect(ack).toMatchObject({ type: 'ack', conversationId, clientMsgId: 'c-1' });
    const received = await bobWs.event((event) => event.kind === 'message.new' && event.message.clientMsgId === 'c-1');
    expect(received.kind === 'message.new' && received.message.body).toEqual({ text: '你好 @bob 😀' });
    expect(received.kind === 'message.new' && received.message.seq).toBe(ack.seq);

    const again = (await aliceWs.request(send)) as Extract<ServerFrame, { type: 'ack' }>;
    expect(again.seq).toBe(ack.seq);
    expect(again.messageId).toBe(ack.messageId);
    const { messages } = await bob.api.ok<{ messages: Message[] }>('GET', `/api/v1/conversations/${conversationId}/messages`);
    expect(messages.filter((message) => message.clientMsgId === 'c-1')).toHaveLength(1);
    await aliceWs.close();
    await bobWs.close();
  });

  it('syncs a device that was offline from its cursor, in order, without gaps', async () => {
    const { alice, bob, conversationId } = await pair();
    const bobWs = await WsClient.connect(server.url, bob.token);
    const synced = (await bobWs.request({ type: 'sync', cursor: 0 })) as Extract<ServerFrame, { type: 'synced' }>;
    await bobWs.close();
    for (let index = 0; index < 30; index++) {
      await alice.api.ok('POST', `/api/v1/conversations/${conversationId}/messages`, {
        clientMsgId: `offline-${index}`,
        content: { kind: 'text', body: { text: `message ${index}` } },
      });
    }
    const back = await WsClient.connect(server.url, bob.token);
    const done = (await back.request({ type: 'sync', cursor: synced.cursor })) as Extract<ServerFrame, { type: 'synced' }>;
    const seqs = back.events.map((event) => event.seq);
    expect(seqs[0]).toBe(synced.cursor + 1);
    expect(seqs).toEqual(seqs.map((_, index) => synced.cursor + 1 + index));
    expect(done.cursor).toBe(seqs.at(-1));
    const texts = back.events.flatMap((event) => (event.kind === 'message.new' ? [event.message.body.text] : []));
    expect(texts).toEqual(Array.from({ length: 30 }, (_, index) => `message ${index}`));
    await back.close();
  });

  it('keeps unread counts and read markers in step across devices', async () => {
    const { alice, bob, conversationId } = await pair();
    for (let index = 0; index < 3; index++) {
      await alice.api.ok('POST', `/api/v1/conversations/${conversationId}/messages`, {
        clientMsgId: `u-${index}`,
        content: { kind: 'text', body: { text: `hi ${index}` } },
      });
    }
    const list = async (user: TestUser) =>
      (await user.api.ok<{ conversations: Conversation[] }>('GET', '/api/v1/conversations')).conversations.find(
        (conversation) => conversation.id === conversationId,
      )!;
    const before = await list(bob);
    expect(before.unread).toBe(3);
    const bobPhone = await WsClient.connect(server.url, bob.token);
    await bobPhone.request({ type: 'sync', cursor: 0 });
    const bobLaptop = await WsClient.connect(server.url, bob.token);
    await bobLaptop.request({ type: 'sync', cursor: 0 });
    await bobPhone.request({ type: 'read', conversationId, seq: before.lastSeq });
    const marker = await bobLaptop.event((event) => event.kind === 'read.updated' && event.conversationId === conversationId);
    expect(marker).toMatchObject({ readSeq: before.lastSeq });
    // In a direct chat the sender learns how far the other person has read.
    const alicePeer = (await alice.api.ok<{ conversations: Conversation[] }>('GET', '/api/v1/conversations')).conversations.find(
      (conversation) => conversation.id === conversationId,
    );
    expect(alicePeer?.peerReadSeq).toBe(before.lastSeq);
    const { events } = await alice.api.ok<{ events: TimelineEvent[] }>('GET', '/api/v1/sync?cursor=0');
    expect(events.filter((event) => event.kind === 'peer_read.updated')).toEqual([
      expect.objectContaining({ conversationId, userId: bob.id, readSeq: before.lastSeq }),
    ]);
    expect((await list(bob)).unread).toBe(0);
    await bobPhone.close();
    await bobLaptop.close();
  });

  it('recalls within the window and refuses others', async () => {
    const { alice, bob, conversationId } = await pair();
    const bobWs = await WsClient.connect(server.url, bob.token);
    await bobWs.request({ type: 'sync', cursor: 0 });
    const ack = await alice.api.ok<{ seq: number }>('POST', `/api/v1/conversations/${conversationId}/messages`, {
      clientMsgId: 'r-1',
      content: { kind: 'text', body: { text: 'oops' } },
    });
    const reply = await bob.api.ok<{ seq: number }>('POST', `/api/v1/conversations/${conversationId}/messages`, {
      clientMsgId: 'r-reply',
      content: { kind: 'text', body: { text: 'what was that?' } },
      quoteSeq: ack.seq,
    });
    const refused = await bob.api.call('POST', `/api/v1/conversations/${conversationId}/messages/${ack.seq}/recall`);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: 'cannot_recall' } });
    await alice.api.ok('POST', `/api/v1/conversations/${conversationId}/messages/${ack.seq}/recall`);
    await bobWs.event((event) => event.kind === 'message.recalled' && event.messageSeq === ack.seq);
    const { messages } = await bob.api.ok<{ messages: Message[] }>('GET', `/api/v1/conversations/${conversationId}/messages`);
    const recalled = messages.find((message) => message.seq === ack.seq)!;
    expect(recalled.recalled).toBe(true);
    expect(recalled.body).toEqual({});
    // The reply that quoted it no longer shows the recalled text.
    const quoting = messages.find((message) => message.seq === reply.seq)!;
    expect(quoting.quote).toMatchObject({ seq: ack.seq, preview: '', recalled: true });
    await bobWs.close();
  });

  it('answers bad frames with error frames and keeps the connection', async () => {
    const alice = await makeUser(server.url);
    const ws = await WsClient.connect(server.url, alice.token);
    ws.sendRaw('{nope');
    await ws.next((frame) => frame.type === 'error' && frame.code === 'frame_malformed');
    ws.sendRaw(JSON.stringify({ type: 'send', id: 'x1', conversationId: 'nope', clientMsgId: 'm', content: { kind: 'text', body: { text: '' } } }));
    await ws.next((frame) => frame.type === 'error' && frame.id === 'x1' && frame.code === 'validation_failed');
    ws.sendRaw('x'.repeat(70 * 1024));
    await ws.next((frame) => frame.type === 'error' && frame.code === 'frame_too_large');
    const missing = await ws.request({ type: 'send', conversationId: 'nope', clientMsgId: 'm', content: { kind: 'text', body: { text: 'hi' } } });
    expect(missing).toMatchObject({ type: 'error', code: 'conversation_not_found' });
    expect(await ws.request({ type: 'ping' })).toMatchObject({ type: 'pong' });
    await ws.close();
  });

  it('refuses messages between people who are not contacts or who blocked the sender', async () => {
    const { alice, bob, conversationId } = await pair();
    await bob.api.ok('PUT', `/api/v1/blocks/${alice.id}`);
    const blocked = await alice.api.call('POST', `/api/v1/conversations/${conversationId}/messages`, {
      clientMsgId: 'b-1',
      content: { kind: 'text', body: { text: 'let me in' } },
    });
    expect(blocked.body).toMatchObject({ error: { code: 'blocked' } });
    await bob.api.ok('DELETE', `/api/v1/blocks/${alice.id}`);
    await bob.api.ok('DELETE', `/api/v1/contacts/${alice.id}`);
    const removed = await alice.api.call('POST', `/api/v1/conversations/${conversationId}/messages`, {
      clientMsgId: 'b-2',
      content: { kind: 'text', body: { text: 'hello?' } },
    });
    expect(removed.body).toMatchObject({ error: { code: 'not_contacts' } });
  });

  it('gives every new user a read-only service notifications conversation', async () => {
    const alice = await makeUser(server.url);
    const row = await server.app.db
      .selectFrom('conversations')
      .select(['id', 'kind'])
      .where('unique_key', '=', `service:${alice.id}`)
      .executeTakeFirstOrThrow();
    expect(row.kind).toBe('service');
    const { conversation } = await alice.api.ok<{ conversation: Conversation }>('GET', `/api/v1/conversations/${row.id}`);
    expect(conversation).toMatchObject({ kind: 'service', memberCount: 1 });
    const refused = await alice.api.call('POST', `/api/v1/conversations/${row.id}/messages`, {
      clientMsgId: 's-1',
      content: { kind: 'text', body: { text: 'hello?' } },
    });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
  });

  it('keeps a conversation in send order when many pipelined sends are written in concurrent batches', async () => {
    const alice = await makeUser(server.url);
    const peers = await Promise.all(Array.from({ length: 4 }, () => makeUser(server.url)));
    const conversationIds = await Promise.all(peers.map((peer) => makeContacts(alice, peer)));
    const ws = await WsClient.connect(server.url, alice.token);
    const sends = Array.from({ length: 600 }, (_, index) => {
      const conversationId = conversationIds[index % conversationIds.length]!;
      return ws
        .request({ type: 'send', conversationId, clientMsgId: `order-${index}`, content: { kind: 'text', body: { text: `n${index}` } } })
        .then((frame) => ({ index, conversationId, seq: (frame as Extract<ServerFrame, { type: 'ack' }>).seq }));
    });
    const acks = await Promise.all(sends);
    for (const conversationId of conversationIds) {
      const seqs = acks.filter((ack) => ack.conversationId === conversationId).map((ack) => ack.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(new Set(seqs).size).toBe(seqs.length);
    }
    await ws.close();
  });

  it('lets a second sync take over from one still running, and then delivers each event once', async () => {
    const { alice, bob, conversationId } = await pair();
    for (let index = 0; index < 20; index++) {
      await alice.api.ok('POST', `/api/v1/conversations/${conversationId}/messages`, {
        clientMsgId: `twice-${index}`,
        content: { kind: 'text', body: { text: `m${index}` } },
      });
    }
    const ws = await WsClient.connect(server.url, bob.token);
    ws.sendRaw(JSON.stringify({ type: 'sync', id: 'first', cursor: 0 }));
    const second = (await ws.request({ type: 'sync', cursor: 0 })) as Extract<ServerFrame, { type: 'synced' }>;
    await alice.api.ok('POST', `/api/v1/conversations/${conversationId}/messages`, {
      clientMsgId: 'after-sync',
      content: { kind: 'text', body: { text: 'live' } },
    });
    const live = await ws.event((event) => event.kind === 'message.new' && event.message.clientMsgId === 'after-sync');
    expect(live.seq).toBe(second.cursor + 1);
    const liveFrames = ws.frames.filter((frame) => frame.type === 'event');
    expect(liveFrames.map((frame) => (frame.type === 'event' ? frame.event.seq : 0))).toEqual([second.cursor + 1]);
    await ws.close();
  });
});
