import type { Message, ServerFrame, TimelineEvent } from '@tessera/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, WsClient } from './client';
import { createTestDatabase, postgresAdminUrl, type TestDatabase } from './databases';
import { makeContacts, makeUser, type TestUser } from './factories';
import { requireNats, startNatsServer, startServerProcess, stopAllProcesses, type ServerProcess } from './processes';

type Ack = Extract<ServerFrame, { type: 'ack' }>;
type SendFrame = { type: 'send'; conversationId: string; clientMsgId: string; content: { kind: 'text'; body: { text: string } } };

const natsUrl = process.env.TESSERA_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

function textFrame(conversationId: string, clientMsgId: string): SendFrame {
  return { type: 'send', conversationId, clientMsgId, content: { kind: 'text', body: { text: `text of ${clientMsgId}` } } };
}

async function sync(ws: WsClient, cursor: number): Promise<number> {
  const answer = await ws.request({ type: 'sync', cursor });
  if (answer.type !== 'synced') throw new Error(`sync answered ${JSON.stringify(answer)}`);
  return answer.cursor;
}

/** Sends frames with up to `window` in flight; resolves with every ack by clientMsgId. */
async function pipeline(ws: WsClient, frames: SendFrame[], window: number): Promise<Map<string, Ack>> {
  const acks = new Map<string, Ack>();
  let next = 0;
  const worker = async () => {
    while (next < frames.length) {
      const frame = frames[next++]!;
      const answer = await ws.request(frame);
      if (answer.type !== 'ack') throw new Error(`send ${frame.clientMsgId} answered ${JSON.stringify(answer)}`);
      acks.set(frame.clientMsgId, answer);
    }
  };
  await Promise.all(Array.from({ length: window }, worker));
  return acks;
}

/**
 * Streams sends with up to `window` in flight and calls `kill` the moment the `killAfter`-th ack
 * arrives; stops sending then and resolves once the socket closes, with every ack it got.
 */
function streamUntilClosed(ws: WsClient, frames: SendFrame[], window: number, killAfter: number, kill: () => void) {
  return new Promise<{ acks: Map<string, Ack>; sent: number; errors: ServerFrame[] }>((resolve) => {
    const acks = new Map<string, Ack>();
    const errors: ServerFrame[] = [];
    let sent = 0;
    let killed = false;
    const sendNext = () => {
      if (killed || sent >= frames.length) return;
      ws.socket.send(JSON.stringify({ ...frames[sent], id: `stream-${sent}` }));
      sent++;
    };
    ws.socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ServerFrame;
      if (frame.type === 'error') errors.push(frame);
      if (frame.type !== 'ack') return;
      acks.set(frame.clientMsgId, frame);
      if (acks.size === killAfter && !killed) {
        killed = true;
        kill();
      }
      sendNext();
    });
    ws.socket.once('close', () => resolve({ acks, sent, errors }));
    for (let index = 0; index < window; index++) sendNext();
  });
}

function messagesIn(events: TimelineEvent[], conversationId: string): Message[] {
  return events.flatMap((event) =>
    event.kind === 'message.new' && event.message.conversationId === conversationId ? [event.message] : [],
  );
}

function liveEvents(ws: WsClient): TimelineEvent[] {
  return ws.frames.flatMap((frame) => (frame.type === 'event' ? [frame.event] : []));
}

/** `length` consecutive integers from `first`. */
function run(first: number, length: number): number[] {
  return Array.from({ length }, (_, index) => first + index);
}

describe('several nodes on one PostgreSQL database with NATS', () => {
  let database: TestDatabase | undefined;
  let nodeA: ServerProcess;
  let nodeB: ServerProcess;

  const startNode = (nodeId: string, nats: string | null = natsUrl) =>
    startServerProcess({
      nodeId,
      databaseUrl: database!.url,
      ...(nats ? { natsUrl: nats } : {}),
      // Cheap password hashes keep registration fast; suites register from one address.
      env: { TESSERA_SCRYPT_COST: '10', TESSERA_LOGIN_RATE_PER_MINUTE: '100000' },
    });

  beforeAll(async () => {
    await requireNats(natsUrl);
    database = await createTestDatabase('postgres').catch((error: unknown) => {
      throw new Error(`PostgreSQL is required here and is not reachable at ${postgresAdminUrl}: ${String(error)}`);
    });
    [nodeA, nodeB] = await Promise.all([startNode('node-a'), startNode('node-b')]);
  }, 60_000);

  afterAll(async () => {
    await stopAllProcesses();
    await database?.drop();
  }, 30_000);

  async function pairAcrossNodes(): Promise<{ alice: TestUser; bob: TestUser; conversationId: string }> {
    const [alice, bob] = await Promise.all([makeUser(nodeA.url), makeUser(nodeB.url)]);
    return { alice, bob, conversationId: await makeContacts(alice, bob) };
  }

  it('delivers messages, typing and read markers live between clients on different nodes', async () => {
    const { alice, bob, conversationId } = await pairAcrossNodes();
    const aliceWs = await WsClient.connect(nodeA.url, alice.token);
    const bobWs = await WsClient.connect(nodeB.url, bob.token);
    const aliceCursor = await sync(aliceWs, 0);
    const bobCursor = await sync(bobWs, 0);
    const before = Math.max(0, ...messagesIn(bobWs.events, conversationId).map((message) => message.seq));

    // One way, then the other, then both at once from both nodes.
    const fromA = await pipeline(aliceWs, run(0, 10).map((index) => textFrame(conversationId, `a-${index}`)), 1);
    await bobWs.event((event) => event.kind === 'message.new' && event.message.clientMsgId === 'a-9');
    const fromB = await pipeline(bobWs, run(0, 10).map((index) => textFrame(conversationId, `b-${index}`)), 1);
    await aliceWs.event((event) => event.kind === 'message.new' && event.message.clientMsgId === 'b-9');
    await Promise.all([
      pipeline(aliceWs, run(0, 20).map((index) => textFrame(conversationId, `a2-${index}`)), 4),
      pipeline(bobWs, run(0, 20).map((index) => textFrame(conversationId, `b2-${index}`)), 4),
    ]);
    for (const ws of [aliceWs, bobWs]) {
      for (const last of ['a2-19', 'b2-19']) await ws.event((event) => event.kind === 'message.new' && event.message.clientMsgId === last);
    }

    const bobLive = messagesIn(liveEvents(bobWs), conversationId);
    expect(bobLive.slice(0, 10).map((message) => message.clientMsgId)).toEqual(run(0, 10).map((index) => `a-${index}`));
    expect(bobLive.slice(0, 10).map((message) => message.seq)).toEqual([...fromA.values()].map((ack) => ack.seq));
    const aliceLive = messagesIn(liveEvents(aliceWs), conversationId);
    expect(aliceLive.slice(10, 20).map((message) => message.clientMsgId)).toEqual(run(0, 10).map((index) => `b-${index}`));
    expect(aliceLive.slice(10, 20).map((message) => message.seq)).toEqual([...fromB.values()].map((ack) => ack.seq));
    // Each side saw all 60 messages live, once each, in conversation order, and its timeline has no gap.
    for (const [ws, cursor] of [
      [aliceWs, aliceCursor],
      [bobWs, bobCursor],
    ] as const) {
      const live = liveEvents(ws);
      expect(live.map((event) => event.seq)).toEqual(run(cursor + 1, live.length));
      expect(messagesIn(live, conversationId).map((message) => message.seq)).toEqual(run(before + 1, 60));
    }

    bobWs.socket.send(JSON.stringify({ type: 'typing', conversationId }));
    await aliceWs.next((frame) => frame.type === 'typing' && frame.userId === bob.id && frame.conversationId === conversationId);
    aliceWs.socket.send(JSON.stringify({ type: 'typing', conversationId }));
    await bobWs.next((frame) => frame.type === 'typing' && frame.userId === alice.id && frame.conversationId === conversationId);

    // Bob reads on node A with one device; his phone on node B hears of it live.
    const phone = await new Api(nodeB.url).ok<{ token: string }>('POST', '/api/v1/sessions', {
      login: bob.handle,
      password: bob.password,
      deviceName: 'phone',
    });
    const bobPhone = await WsClient.connect(nodeB.url, phone.token);
    await sync(bobPhone, 0);
    const bobOnA = await WsClient.connect(nodeA.url, bob.token);
    expect(await bobOnA.request({ type: 'read', conversationId, seq: before + 60 })).toMatchObject({ type: 'ok' });
    const isMarker = (event: TimelineEvent) => event.kind === 'read.updated' && event.conversationId === conversationId && event.readSeq === before + 60;
    await bobPhone.event(isMarker);
    expect(liveEvents(bobPhone).some(isMarker)).toBe(true);
    await bobWs.event(isMarker);

    await Promise.all([aliceWs, bobWs, bobPhone, bobOnA].map((ws) => ws.close()));
  });

  it('loses no acknowledged message when a node is killed with kill -9', async () => {
    const { alice, bob, conversationId } = await pairAcrossNodes();
    const bobWs = await WsClient.connect(nodeB.url, bob.token);
    const bobCursor = await sync(bobWs, 0);
    const before = Math.max(0, ...messagesIn(bobWs.events, conversationId).map((message) => message.seq));
    const frames = run(0, 300).map((index) => textFrame(conversationId, `m-${index}`));

    const aliceOnA = await WsClient.connect(nodeA.url, alice.token);
    const stream = await streamUntilClosed(aliceOnA, frames, 16, 150, () => void nodeA.kill('SIGKILL'));
    await nodeA.kill('SIGKILL');
    expect(stream.errors).toEqual([]);
    expect(stream.acks.size).toBeGreaterThanOrEqual(150);
    expect(stream.sent).toBeLessThan(300);

    // Alice's client moves to node B and resends whatever it holds no ack for, with the same ids.
    const aliceOnB = await WsClient.connect(nodeB.url, alice.token);
    const unacknowledged = frames.filter((frame) => !stream.acks.has(frame.clientMsgId));
    const resent = await pipeline(aliceOnB, unacknowledged, 16);
    expect(resent.size).toBe(unacknowledged.length);
    // A resend of an acknowledged message changes nothing and returns the original ack.
    const acknowledged = frames.filter((frame) => stream.acks.has(frame.clientMsgId));
    const again = await pipeline(aliceOnB, acknowledged, 16);
    for (const [clientMsgId, ack] of stream.acks) {
      expect(again.get(clientMsgId)).toMatchObject({ seq: ack.seq, messageId: ack.messageId, conversationId });
    }

    // Bob's device syncs on node B from where it was.
    const bobAgain = await WsClient.connect(nodeB.url, bob.token);
    const bobFinal = await sync(bobAgain, bobCursor);
    expect(bobAgain.events.map((event) => event.seq)).toEqual(run(bobCursor + 1, bobFinal - bobCursor));
    const received = messagesIn(bobAgain.events, conversationId);
    expect(received.map((message) => message.clientMsgId).sort()).toEqual(frames.map((frame) => frame.clientMsgId).sort());
    expect(received.map((message) => message.seq).sort((x, y) => x - y)).toEqual(run(before + 1, 300));
    const byClientId = new Map(received.map((message) => [message.clientMsgId, message]));
    for (const [clientMsgId, ack] of [...stream.acks, ...resent]) {
      expect(byClientId.get(clientMsgId)).toMatchObject({ seq: ack.seq, id: ack.messageId, senderId: alice.id });
    }

    // Bob's socket on node B stayed up throughout: it saw every event live, once, without a gap.
    await bobWs.event((event) => event.seq === bobFinal);
    expect(bobWs.events.map((event) => event.seq)).toEqual(run(1, bobFinal));
    const afterBefore = (message: Message) => message.seq > before;
    expect(messagesIn(bobWs.events, conversationId).filter(afterBefore).map((message) => message.seq)).toEqual(run(before + 1, 300));

    // A replacement node joins; a client there syncs everything and talks to node B live.
    const nodeA2 = await startNode('node-a2');
    const aliceOnA2 = await WsClient.connect(nodeA2.url, alice.token);
    const aliceFinal = await sync(aliceOnA2, 0);
    expect(aliceOnA2.events.map((event) => event.seq)).toEqual(run(1, aliceFinal));
    expect(messagesIn(aliceOnA2.events, conversationId).filter(afterBefore).map((message) => message.seq)).toEqual(run(before + 1, 300));
    const [ack] = (await pipeline(aliceOnA2, [textFrame(conversationId, 'after-restart')], 1)).values();
    const live = await bobWs.event((event) => event.kind === 'message.new' && event.message.clientMsgId === 'after-restart');
    expect(live.kind === 'message.new' && live.message.seq).toBe(before + 301);
    expect(ack!.seq).toBe(before + 301);

    await Promise.all([bobWs, bobAgain, aliceOnB, aliceOnA2].map((ws) => ws.close()));
  }, 60_000);

  it('after a NATS outage, sockets read back from the database what live delivery missed', async () => {
    // A private NATS server that can be cut off; node E has no bus at all, so what it commits
    // reaches node D's sockets only from the database.
    const nats = await startNatsServer();
    const [nodeD, nodeE] = await Promise.all([startNode('node-d', nats.url), startNode('node-e', null)]);
    const [alice, bob] = await Promise.all([makeUser(nodeE.url), makeUser(nodeD.url)]);
    const conversationId = await makeContacts(alice, bob);
    const bobWs = await WsClient.connect(nodeD.url, bob.token);
    await sync(bobWs, 0);
    const aliceWs = await WsClient.connect(nodeE.url, alice.token);

    await nats.stop();
    const [ack] = (await pipeline(aliceWs, [textFrame(conversationId, 'during-outage')], 1)).values();
    await nats.start();
    const isIt = (event: TimelineEvent) => event.kind === 'message.new' && event.message.clientMsgId === 'during-outage';
    // Node D retries every two seconds; once back it resyncs every local socket.
    const event = await bobWs.event(isIt, 20_000);
    expect(event.kind === 'message.new' && event.message.seq).toBe(ack!.seq);
    expect(liveEvents(bobWs).some(isIt)).toBe(true);

    await Promise.all([bobWs, aliceWs].map((ws) => ws.close()));
    await Promise.all([nodeD, nodeE].map((node) => node.kill('SIGTERM')));
  }, 60_000);

  it('counts sign-in attempts against one budget whichever node they reach', async () => {
    const limited = (nodeId: string) =>
      startServerProcess({ nodeId, databaseUrl: database!.url, natsUrl, env: { TESSERA_SCRYPT_COST: '10', TESSERA_LOGIN_RATE_PER_MINUTE: '6' } });
    const [nodeF, nodeG] = await Promise.all([limited('node-f'), limited('node-g')]);
    // Registering takes one of the address's six; each sign-in takes one more from it, alternating nodes.
    const user = await makeUser(nodeF.url);
    const statuses: (number | string)[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const node = attempt % 2 === 0 ? nodeF : nodeG;
      const answer = await new Api(node.url).call<{ error?: { code: string } }>('POST', '/api/v1/sessions', { login: user.handle, password: user.password, deviceName: 'test' });
      statuses.push(answer.status === 200 ? 200 : (answer.body.error?.code ?? answer.status));
    }
    // Counted per node, each would have allowed five or six of these.
    expect(statuses).toEqual([200, 200, 200, 200, 200, 'rate_limited', 'rate_limited', 'rate_limited']);
    await Promise.all([nodeF, nodeG].map((node) => node.kill('SIGTERM')));
  }, 60_000);
});
