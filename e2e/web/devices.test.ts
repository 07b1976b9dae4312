import { describe, expect, it } from 'vitest';
import { makeContacts, makeUser } from '../../packages/server/test/factories';
import { AppDriver } from './support/app-driver';
import { openDevice, screenshot, swipe } from './support/browser';
import { useWebSuite } from './support/web-suite';

describe('web app: one person, two devices', () => {
  const suite = useWebSuite();

  it('keeps both devices in the same state and lets one log the other out', async () => {
    const alice = await makeUser(suite.server.url, { nickname: 'Alice' });
    const bob = await makeUser(suite.server.url, { nickname: 'Bob' });
    const conversationId = await makeContacts(alice, bob);
    // Start from a read chat (the "now contacts" notice counts as unread).
    await alice.api.ok('POST', `/api/v1/conversations/${conversationId}/read`, { seq: 1_000_000 });

    const phone = await openDevice(suite.browser, suite.server.url, { touch: true });
    const desktop = await openDevice(suite.browser, suite.server.url, { width: 1280, height: 800 });
    const p = new AppDriver(phone.page);
    const d = new AppDriver(desktop.page);
    await p.signIn(alice.handle);
    await d.signIn(alice.handle);
    await p.online();
    await d.online();

    // Bob writes: both of Alice's devices count it.
    await bob.api.ok('POST', `/api/v1/conversations/${conversationId}/messages`, {
      clientMsgId: 'bob-1',
      content: { kind: 'text', body: { text: 'Lunch at noon?' } },
    });
    await p.chatRow('Bob').locator('.badge', { hasText: '1' }).waitFor();
    await d.chatRow('Bob').locator('.badge', { hasText: '1' }).waitFor();

    // Reading it on the phone clears it on the desktop.
    await p.openChat('Bob');
    await p.bubble('Lunch at noon?').waitFor();
    await d.chatRow('Bob').locator('.badge').waitFor({ state: 'detached' });

    // A swipe on the phone's list reveals the row's actions; marking read there clears the desktop too.
    await p.back();
    await bob.api.ok('POST', `/api/v1/conversations/${conversationId}/messages`, {
      clientMsgId: 'bob-2',
      content: { kind: 'text', body: { text: 'Or one?' } },
    });
    await d.chatRow('Bob').locator('.badge', { hasText: '1' }).waitFor();
    await swipe(phone.page, p.chatRow('Bob').locator('.chat-row-main'), -220);
    await p.chatRow('Bob').getByRole('button', { name: 'Mark as read' }).waitFor();
    await screenshot(phone.page, 'chats-swipe');
    await p.chatRow('Bob').getByRole('button', { name: 'Mark as read' }).click();
    await p.chatRow('Bob').locator('.badge').waitFor({ state: 'detached' });
    await d.chatRow('Bob').locator('.badge').waitFor({ state: 'detached' });
    await p.openChat('Bob');

    // What the desktop sends shows on the phone as Alice's own message.
    await d.openChat('Bob');
    await d.sendText('Yes, see you there');
    await p.page.locator('.message-mine', { hasText: 'Yes, see you there' }).waitFor();
    await screenshot(desktop.page, 'two-devices-desktop');

    // Profile edits reach the other device.
    await p.back();
    await p.tab('Me').click();
    await p.page.getByRole('button', { name: 'My profile' }).click();
    await p.page.getByLabel('Name').fill('Alice W.');
    await p.page.getByRole('button', { name: 'Save' }).click();
    await p.page.getByText('Saved').waitFor();
    await d.tab('Me').click();
    await desktop.page.locator('.me-card', { hasText: 'Alice W.' }).waitFor();

    // The phone lists both sessions and logs the desktop out.
    await p.back();
    await p.page.getByRole('button', { name: 'Devices' }).click();
    // Three sessions: the registration's ("test"), this phone and the desktop.
    await p.page.locator('.device-row').nth(2).waitFor();
    expect(await p.page.locator('.device-row').count()).toBe(3);
    await screenshot(phone.page, 'devices');
    const desktopRow = p.page.locator('.device-row', { hasText: 'Chrome', hasNotText: 'This device' });
    await desktopRow.getByRole('button', { name: 'Log out' }).click();
    await p.page.getByRole('dialog').getByRole('button', { name: 'Log out' }).click();
    await p.page.locator('.device-row').nth(2).waitFor({ state: 'detached' });
    await desktop.page.getByText('You were logged out on this device').waitFor();
    await desktop.page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();

    // A new password: the phone stays signed in; the old password no longer signs in.
    await p.back();
    await p.page.getByRole('button', { name: 'Change password' }).click();
    await p.page.getByLabel('Current password').fill(alice.password);
    await p.page.getByLabel('New password', { exact: true }).fill('a new long password');
    await p.page.getByLabel('Repeat new password').fill('a new long password');
    await p.page.getByRole('button', { name: 'Save' }).click();
    await p.page.getByText('Password changed. Other devices have been logged out.').waitFor();
    await d.signInExpectingError(alice.handle, alice.password, 'Wrong Tessera ID or password');
    await d.signIn(alice.handle, 'a new long password');
    await d.tab('Chats').waitFor();

    expect(phone.errors).toEqual([]);
    expect(desktop.errors.filter((error) => !/401|Unauthorized/.test(error))).toEqual([]);
  });
});
