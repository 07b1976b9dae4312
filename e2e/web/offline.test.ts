import { describe, expect, it } from 'vitest';
import { makeContacts, makeUser } from '../../packages/server/test/factories';
import { AppDriver } from './support/app-driver';
import { openDevice, screenshot, watchErrors } from './support/browser';
import { useWebSuite } from './support/web-suite';

describe('web app: offline and back', () => {
  const suite = useWebSuite();

  it('receives messages while away with correct unread counts, and sends what was typed offline once', async () => {
    const alice = await makeUser(suite.server.url, { nickname: 'Alice' });
    const bob = await makeUser(suite.server.url, { nickname: 'Bob' });
    await makeContacts(alice, bob);

    const aliceDevice = await openDevice(suite.browser, suite.server.url);
    const bobDevice = await openDevice(suite.browser, suite.server.url);
    const a = new AppDriver(aliceDevice.page);
    const b = new AppDriver(bobDevice.page);
    await a.signIn(alice.handle);
    await b.signIn(bob.handle);
    await b.openChat('Alice');
    await b.back();
    await b.online();
    expect(await b.unread('Alice')).toBeNull();

    // Bob closes the app; Alice writes three messages while he is away.
    await bobDevice.page.close();
    await a.openChat('Bob');
    for (const text of ['Are you there?', 'Call me when you can', 'It is about Saturday']) await a.sendText(text);
    await a.waitDelivered('It is about Saturday');

    // Bob comes back: the cached list paints, the sync brings the three messages and counts them.
    const page = await bobDevice.context.newPage();
    const errors = watchErrors(page);
    await page.goto('/');
    const back = new AppDriver(page);
    await back.chatRow('Alice').getByText('It is about Saturday').waitFor();
    await back.chatRow('Alice').locator('.badge', { hasText: '3' }).waitFor();
    await back.tab('Chats').locator('.badge', { hasText: '3' }).waitFor();
    await screenshot(page, 'chats-unread-after-offline');
    await back.openChat('Alice');
    for (const text of ['Are you there?', 'Call me when you can', 'It is about Saturday']) await back.bubble(text).waitFor();
    await back.back();
    await back.chatRow('Alice').locator('.badge').waitFor({ state: 'detached' });

    // Bob loses the network and writes; the message waits, then goes out once when he is back.
    await back.openChat('Alice');
    await bobDevice.context.setOffline(true);
    await page.getByText('Not connected. Messages will be sent when you are back online.').waitFor();
    await back.sendText('Typed on the train');
    await back.bubble('Typed on the train').getByRole('status', { name: 'Sending' }).waitFor();
    await screenshot(page, 'conversation-offline');
    await bobDevice.context.setOffline(false);
    await back.waitDelivered('Typed on the train');
    await a.bubble('Typed on the train').waitFor();
    // Exactly once, on both sides, and still once after Bob reloads from his cache.
    expect(await a.bubble('Typed on the train').count()).toBe(1);
    await page.reload();
    await back.waitDelivered('Typed on the train');
    expect(await back.bubble('Typed on the train').count()).toBe(1);

    // A send the server refuses shows as failed; after the cause is gone, a tap sends it, once.
    await bob.api.ok('PUT', `/api/v1/blocks/${alice.id}`);
    await a.sendText('Still there?');
    const failed = a.bubble('Still there?').getByRole('button', { name: 'Not sent. Tap to retry' });
    await failed.waitFor();
    await screenshot(aliceDevice.page, 'conversation-send-failed');
    await bob.api.ok('DELETE', `/api/v1/blocks/${alice.id}`);
    await failed.click();
    await a.waitDelivered('Still there?');
    await back.bubble('Still there?').waitFor();
    expect(await back.bubble('Still there?').count()).toBe(1);

    expect(aliceDevice.errors).toEqual([]);
    expect(errors.filter((error) => !/ERR_INTERNET_DISCONNECTED|WebSocket/.test(error))).toEqual([]);
  });
});
