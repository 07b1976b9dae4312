import type { ServerFrame } from '@tessera/protocol';
import { describe, expect, it } from 'vitest';
import { WsClient } from '../../packages/server/test/client';
import { makeContacts, makeUser } from '../../packages/server/test/factories';
import { AppDriver } from './support/app-driver';
import { openDevice } from './support/browser';
import { useWebSuite } from './support/web-suite';

const total = 300;
/** What the device keeps of the chat after its cache is trimmed: the newest messages only. */
const kept = 80;

/** Messages the device's IndexedDB holds for a conversation, counted in the page. */
function cachedCount(userId: string, conversationId: string): string {
  return `new Promise((resolve, reject) => {
    const open = indexedDB.open('tessera-${userId}');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const range = IDBKeyRange.bound(['${conversationId}', 0], ['${conversationId}', Number.MAX_SAFE_INTEGER]);
      const request = db.transaction('messages').objectStore('messages').count(range);
      request.onsuccess = () => { db.close(); resolve(request.result); };
      request.onerror = () => reject(request.error);
    };
  })`;
}

/** Deletes a conversation's cached messages below `seq`, as a trimmed cache would lack them. */
function trimCache(userId: string, conversationId: string, seq: number): string {
  return `new Promise((resolve, reject) => {
    const open = indexedDB.open('tessera-${userId}');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const transaction = db.transaction('messages', 'readwrite');
      transaction.objectStore('messages').delete(IDBKeyRange.bound(['${conversationId}', 0], ['${conversationId}', ${seq}], false, true));
      transaction.oncomplete = () => { db.close(); resolve(undefined); };
      transaction.onerror = () => reject(transaction.error);
    };
  })`;
}

describe('web app: older history from the server', () => {
  const suite = useWebSuite();

  it('pages older messages in from the server when the cache lacks them, and caches them', async () => {
    const alice = await makeUser(suite.server.url, { nickname: 'Alice' });
    const bob = await makeUser(suite.server.url, { nickname: 'Bob' });
    const conversationId = await makeContacts(alice, bob);
    const socket = await WsClient.connect(suite.server.url, bob.token);
    const textBySeq = new Map<number, string>();
    for (let start = 1; start <= total; start += 100) {
      const batch = Array.from({ length: 100 }, (_, offset) => `older ${start + offset}.`);
      const acks = await Promise.all(
        batch.map((text, index) => socket.request({ type: 'send', conversationId, clientMsgId: `o${start + index}`, content: { kind: 'text', body: { text } } })),
      );
      acks.forEach((ack, index) => textBySeq.set((ack as Extract<ServerFrame, { type: 'ack' }>).seq, batch[index]!));
    }
    await socket.close();
    const seqs = [...textBySeq.keys()].sort((a, b) => a - b);
    const newest = textBySeq.get(seqs.at(-1)!)!;
    const oldest = textBySeq.get(seqs[0]!)!;
    const firstKept = seqs.at(-kept)!;

    const device = await openDevice(suite.browser, suite.server.url);
    const page = device.page;
    const app = new AppDriver(page);
    await app.signIn(alice.handle);
    await app.chatRow('Bob').getByText(newest).waitFor();
    // The whole chat reached this device's cache with the sync, the contacts notice included.
    await expect.poll(() => page.evaluate(cachedCount(alice.id, conversationId))).toBe(total + 1);

    await page.evaluate(trimCache(alice.id, conversationId, firstKept));
    expect(await page.evaluate(cachedCount(alice.id, conversationId))).toBe(kept);

    // Every request for older messages, over the socket or REST, and where it starts.
    const beforeSeqs: number[] = [];
    page.on('websocket', (ws) =>
      ws.on('framesent', ({ payload }) => {
        const frame = JSON.parse(String(payload)) as { type?: string; beforeSeq?: number };
        if (frame.type === 'history' && frame.beforeSeq !== undefined) beforeSeqs.push(frame.beforeSeq);
      }),
    );
    page.on('request', (request) => {
      const before = new URL(request.url()).searchParams.get('beforeSeq');
      if (request.url().includes(`/api/v1/conversations/${conversationId}/messages`) && before) beforeSeqs.push(Number(before));
    });
    await page.reload();
    await app.openChat('Bob');
    await app.bubble(newest).waitFor();
    expect(await app.bubble(oldest).count()).toBe(0);

    // Scrolling up, as a person keeps doing until the start of the chat shows.
    await expect
      .poll(
        async () => {
          await page.locator('.virtual-viewport').evaluate((viewport) => {
            (viewport as unknown as { scrollTop: number }).scrollTop = 0;
          });
          return page.getByText('You are now contacts. Start chatting!').count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    await app.bubble(oldest).waitFor();
    expect(beforeSeqs[0]).toBe(firstKept);
    expect(Math.min(...beforeSeqs)).toBeLessThan(seqs[0]! + 50);
    expect(await page.getByText('The beginning of the chat').count()).toBe(1);
    // What came from the server is cached again, so the next visit needs no fetching.
    await expect.poll(() => page.evaluate(cachedCount(alice.id, conversationId))).toBe(total + 1);
    expect(device.errors).toEqual([]);
  });
});
