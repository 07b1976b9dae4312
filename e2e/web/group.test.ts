import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makeContacts, makeUser } from '../../packages/server/test/factories';
import { AppDriver } from './support/app-driver';
import { openDevice, screenshot } from './support/browser';
import { useWebSuite } from './support/web-suite';

describe('web app: a three-person group', () => {
  const suite = useWebSuite();

  it('creates a group from contacts, mentions, recalls, and manages it', async () => {
    const [alice, bob, carol] = await Promise.all([
      makeUser(suite.server.url, { nickname: 'Alice' }),
      makeUser(suite.server.url, { nickname: 'Bob' }),
      makeUser(suite.server.url, { nickname: 'Carol' }),
    ]);
    await makeContacts(alice, bob);
    await makeContacts(alice, carol);
    await makeContacts(bob, carol);

    const devices = await Promise.all([openDevice(suite.browser, suite.server.url), openDevice(suite.browser, suite.server.url), openDevice(suite.browser, suite.server.url)]);
    const [a, b, c] = devices.map((device) => new AppDriver(device.page)) as [AppDriver, AppDriver, AppDriver];
    await a.signIn(alice.handle);
    await b.signIn(bob.handle);
    await c.signIn(carol.handle);

    // Alice starts a group chat with Bob and Carol from the + menu.
    await a.page.getByRole('button', { name: 'More actions' }).click();
    await a.page.getByRole('menuitem', { name: 'New group chat' }).click();
    await a.page.getByLabel('Group name (optional)').fill('Weekend hike');
    await a.page.locator('.picker-row', { hasText: 'Bob' }).getByRole('checkbox').check();
    await a.page.locator('.picker-row', { hasText: 'Carol' }).getByRole('checkbox').check();
    await screenshot(a.page, 'group-create');
    await a.page.getByRole('button', { name: 'Create (2)' }).click();
    await a.page.getByRole('heading', { name: 'Weekend hike (3)' }).waitFor();
    await a.page.getByText('You created the group').waitFor();

    // The group appears for the others, live.
    await b.chatRow('Weekend hike').waitFor();
    await c.chatRow('Weekend hike').waitFor();
    await c.openChat('Weekend hike');

    // Alice goes back to her list; Bob mentions her with the @ picker.
    await a.back();
    await b.openChat('Weekend hike');
    await b.composer().pressSequentially('@');
    await b.page.getByRole('menuitem', { name: 'Alice' }).click();
    await b.composer().pressSequentially('are you coming?');
    await b.composer().press('Enter');
    await c.bubble('@Alice are you coming?').waitFor();
    await a.chatRow('Weekend hike').getByText('[You were mentioned]').waitFor();
    expect(await a.unread('Weekend hike')).toBe('1');
    await screenshot(a.page, 'chats-mentioned');

    // Alice answers, then recalls it; everyone sees the recall notice instead.
    await a.openChat('Weekend hike');
    await a.sendText('Wrong chat, sorry');
    await c.bubble('Wrong chat, sorry').waitFor();
    await a.waitDelivered('Wrong chat, sorry');
    await a.bubble('Wrong chat, sorry').locator('.bubble').click({ button: 'right' });
    await a.page.getByRole('menuitem', { name: 'Recall' }).click();
    await a.page.getByText('You recalled a message').waitFor();
    await c.page.getByText('Alice recalled a message').waitFor();
    await b.page.getByText('Alice recalled a message').waitFor();
    expect(await c.bubble('Wrong chat, sorry').count()).toBe(0);
    await screenshot(c.page, 'group-conversation');

    // Group info: the owner sets an announcement; members see it.
    await a.page.getByRole('button', { name: 'Chat info' }).click();
    await a.page.getByRole('listitem').filter({ hasText: 'Carol' }).waitFor();
    await a.page.getByRole('button', { name: /Group announcement/ }).click();
    await a.page.getByRole('dialog').getByRole('textbox').fill('Meet at 8:00 by the north gate');
    await a.page.getByRole('button', { name: 'Save' }).click();
    await a.page.getByText('Meet at 8:00 by the north gate').waitFor();
    // A group photo, seen by members in their chat lists.
    const photo = await sharp({ create: { width: 120, height: 120, channels: 3, background: { r: 91, g: 141, b: 239 } } }).png().toBuffer();
    await a.page.locator('input[type=file]').setInputFiles({ name: 'group.png', mimeType: 'image/png', buffer: photo });
    await a.page.getByRole('button', { name: /Group photo/ }).locator('img.avatar').waitFor();
    const bobsRow = b.page.locator('.chat-row', { hasText: 'Weekend hike' }).locator('img.avatar');
    await b.back();
    await bobsRow.waitFor();
    await expect.poll(() => bobsRow.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    await b.openChat('Weekend hike');
    await screenshot(a.page, 'group-info');
    await c.page.getByText('Alice changed the group announcement').waitFor();

    // Carol mutes the group, then leaves it; the others see her go.
    await c.page.getByRole('button', { name: 'Chat info' }).click();
    await c.page.getByRole('switch', { name: 'Mute notifications' }).check();
    await c.page.getByRole('button', { name: 'Leave group' }).click();
    await c.page.getByRole('dialog').getByRole('button', { name: 'Leave group' }).click();
    await c.tab('Chats').waitFor();
    await c.chatRow('Weekend hike').waitFor({ state: 'detached' });
    await b.page.getByText('Carol left the group').waitFor();

    // Owner's controls: make Bob an admin, invite Carol back, then remove her.
    await a.page.getByRole('listitem').filter({ hasText: 'Bob' }).getByRole('button').first().click();
    await a.page.getByRole('menuitem', { name: 'Make admin' }).click();
    await a.page.getByRole('listitem').filter({ hasText: 'Bob' }).getByText('Admin').waitFor();
    await a.page.getByRole('button', { name: 'Add members' }).click();
    await a.page.locator('.picker-row', { hasText: 'Carol' }).getByRole('checkbox').check();
    await a.page.getByRole('button', { name: 'Add (1)' }).click();
    await a.page.getByRole('listitem').filter({ hasText: 'Carol' }).waitFor();
    await c.chatRow('Weekend hike').waitFor();
    await a.page.getByRole('button', { name: 'Remove members' }).click();
    await a.page.getByRole('button', { name: 'Remove Carol' }).click();
    await a.page.getByRole('listitem').filter({ hasText: 'Carol' }).waitFor({ state: 'detached' });
    await b.page.getByText('Alice removed Carol from the group').waitFor();

    // Renaming: members see the notice and the new name in their lists.
    await a.page.getByRole('button', { name: /Group name/ }).click();
    await a.page.getByRole('dialog').getByRole('textbox').fill('Sunday hike');
    await a.page.getByRole('button', { name: 'Save' }).click();
    await b.page.getByText('Alice changed the group name to "Sunday hike"').waitFor();
    await b.page.getByRole('heading', { name: 'Sunday hike (2)' }).waitFor();
    await b.back();
    await b.chatRow('Sunday hike').waitFor();

    for (const device of devices) expect(device.errors).toEqual([]);
  });
});
