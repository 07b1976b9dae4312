import type { ServerFrame } from '@tessera/protocol';
import { describe, expect, it } from 'vitest';
import { WsClient } from '../../packages/server/test/client';
import { makeContacts, makeUser } from '../../packages/server/test/factories';
import { AppDriver } from './support/app-driver';
import { openDevice } from './support/browser';
import { useWebSuite } from './support/web-suite';

const total = 2_000;

describe('web app: a long history', () => {
  const suite = useWebSuite();

  it('keeps only the rows on screen in the page while the whole history scrolls', async () => {
    const alice = await makeUser(suite.server.url, { nickname: 'Alice' });
    const bob = await makeUser(suite.server.url, { nickname: 'Bob' });
    const conversationId = await makeContacts(alice, bob);
    const socket = await WsClient.connect(suite.server.url, bob.token);
    const textBySeq = new Map<number, string>();
    for (let start = 1; start <= total; start += 200) {
      const batch = Array.from({ length: Math.min(200, total - start + 1) }, (_, offset) => `history ${start + offset}.`);
      const acks = await Promise.all(
        batch.map((text, index) => socket.request({ type: 'send', conversationId, clientMsgId: `h${start + index}`, content: { kind: 'text', body: { text } } })),
      );
      acks.forEach((ack, index) => textBySeq.set((ack as Extract<ServerFrame, { type: 'ack' }>).seq, batch[index]!));
    }
    await socket.close();
    const newest = textBySeq.get(Math.max(...textBySeq.keys()))!;
    const oldest = textBySeq.get(Math.min(...textBySeq.keys()))!;

    const device = await openDevice(suite.browser, suite.server.url);
    const app = new AppDriver(device.page);
    const page = device.page;
    await app.signIn(alice.handle);
    await app.chatRow('Bob').getByText(newest).waitFor();
    await app.openChat('Bob');
    await app.bubble(newest).waitFor();
    // The whole history is in the list (its start marker renders) while the page holds a screenful.
    await page.getByText('The beginning of the chat').waitFor();
    expect(await page.locator('.virtual-row').count()).toBeLessThan(60);

    await page.locator('.virtual-viewport').evaluate((viewport) => {
      (viewport as unknown as { scrollTop: number }).scrollTop = 0;
    });
    await app.bubble(oldest).waitFor();
    await page.getByText('You are now contacts. Start chatting!').waitFor();
    expect(await page.locator('.virtual-row').count()).toBeLessThan(60);
    await expect.poll(() => app.bubble(newest).count()).toBe(0);

    await page.getByRole('button', { name: /New messages/ }).click();
    await app.bubble(newest).waitFor();
    expect(device.errors).toEqual([]);
  });
});
