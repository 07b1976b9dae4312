import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WsClient } from './client';
import { makeContacts, makeUser } from './factories';
import { startTestServer, type TestServer } from './harness';

/** Resolves with the close code once the socket closes. */
function closed(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => socket.once('close', (code) => resolve(code)));
}

describe('gateway liveness and back-pressure', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('refuses an upgrade without a valid token', async () => {
    server = await startTestServer('sqlite');
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/ws?token=nope`);
    const status = await new Promise<number>((resolve) => socket.once('unexpected-response', (_, response) => resolve(response.statusCode ?? 0)));
    expect(status).toBe(401);
  });

  it('drops a connection that stops answering pings, and keeps one that answers', async () => {
    server = await startTestServer('sqlite', { TESSERA_WS_HEARTBEAT_SECONDS: '1' });
    const user = await makeUser(server.url);
    const url = `${server.url.replace('http', 'ws')}/ws?token=${user.token}`;
    const silent = new WebSocket(url, { autoPong: false });
    const healthy = await WsClient.connect(server.url, user.token);
    const code = await closed(silent);
    // 1006: the server terminated the TCP connection without a closing handshake.
    expect(code).toBe(1006);
    expect(healthy.closeCode).toBeUndefined();
    expect(await healthy.request({ type: 'ping' })).toMatchObject({ type: 'pong' });
    await healthy.close();
  });

  it('disconnects a client that stops reading instead of buffering without bound, and others carry on', async () => {
    server = await startTestServer('sqlite', { TESSERA_WS_SEND_BUFFER_BYTES: String(16 * 1024) });
    const alice = await makeUser(server.url);
    const bob = await makeUser(server.url);
    const conversationId = await makeContacts(alice, bob);
    const stalled = await WsClient.connect(server.url, bob.token);
    await stalled.request({ type: 'sync', cursor: 0 });
    const attentive = await WsClient.connect(server.url, bob.token);
    await attentive.request({ type: 'sync', cursor: 0 });
    // Stop reading: the kernel buffers fill, then the server's send buffer grows past its limit.
    (stalled.socket as unknown as { _socket: Socket })._socket.pause();
    const sender = await WsClient.connect(server.url, alice.token);
    const text = 'x'.repeat(8000);
    let sent = 0;
    // Enough to fill loopback's socket buffers many times over; stops once the server gives up on the reader.
    while (server.app.gateway.stats.slowConsumersDropped === 0 && sent < 6000) {
      const burst = Array.from({ length: 50 }, (_, index) =>
        sender.request({ type: 'send', conversationId, clientMsgId: `flood-${sent + index}`, content: { kind: 'text', body: { text } } }),
      );
      await Promise.all(burst);
      sent += burst.length;
    }
    expect(server.app.gateway.stats.slowConsumersDropped).toBe(1);
    // Reading again, the stalled device drains what was buffered and then finds its socket closed.
    const stalledClose = closed(stalled.socket);
    (stalled.socket as unknown as { _socket: Socket })._socket.resume();
    expect([4008, 1006]).toContain(await stalledClose);
    // The attentive device of the same user received everything, in order.
    const last = await attentive.event((event) => event.kind === 'message.new' && event.message.clientMsgId === `flood-${sent - 1}`);
    const seqs = attentive.events.map((event) => event.seq);
    expect(seqs).toEqual(seqs.map((_, index) => seqs[0]! + index));
    expect(last.seq).toBe(seqs.at(-1));
    await sender.close();
    await attentive.close();
  });
});
