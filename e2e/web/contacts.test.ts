import sharp from 'sharp';
import type { FriendRequest } from '@tessera/protocol';
import { describe, expect, it } from 'vitest';
import { makeContacts, makeUser } from '../../packages/server/test/factories';
import { AppDriver } from './support/app-driver';
import { openDevice, screenshot } from './support/browser';
import { useWebSuite } from './support/web-suite';

describe('web app: contacts', () => {
  const suite = useWebSuite();

  it('lists contacts A-Z with pinyin, adds by phone, answers requests, remarks, blocks, deletes, and edits the profile', async () => {
    const zoe = await makeUser(suite.server.url, { nickname: 'Zoe' });
    const names = ['张伟', '李娜', 'Amy', '陈静', 'bob', '9lives'];
    const people = await Promise.all(names.map((nickname) => makeUser(suite.server.url, { nickname })));
    for (const person of people) await makeContacts(zoe, person);

    const device = await openDevice(suite.browser, suite.server.url);
    const app = new AppDriver(device.page);
    const page = device.page;
    await app.signIn(zoe.handle);
    await app.tab('Contacts').click();
    await page.locator('.contact-row', { hasText: '张伟' }).waitFor();

    // Latin and Chinese names file together under their (pinyin) initials; others under #.
    const letters = await page.locator('h2.contact-letter').allTextContents();
    expect(letters).toEqual(['A', 'B', 'C', 'L', 'Z', '#']);
    const order = await page.locator('section .contact-name').allTextContents();
    expect(order).toEqual(['Amy', 'bob', '陈静', '李娜', '张伟', '9lives']);
    await screenshot(page, 'contacts-pinyin');

    // A remark renames the contact everywhere and refiles it.
    await page.locator('.contact-row', { hasText: '李娜' }).click();
    await page.getByLabel('Remark').fill('Aunt Li');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Aunt Li' }).waitFor();
    await screenshot(page, 'contact-profile');
    await app.back();
    await page.locator('section', { has: page.locator('h2', { hasText: 'A' }) }).getByText('Aunt Li').waitFor();

    // Blocking shows in Settings' privacy list; deleting removes the contact.
    await page.locator('.contact-row', { hasText: 'bob' }).click();
    await page.getByRole('switch', { name: 'Block' }).check();
    await expect.poll(() => page.getByRole('switch', { name: 'Block' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Delete contact' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete contact' }).click();
    await page.locator('h2.contact-letter', { hasText: 'B' }).waitFor({ state: 'detached' });
    await app.tab('Me').click();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: /^bob/ }).waitFor();
    await app.back();

    // Adding someone by phone number; they accept and appear live.
    const phone = `+86138${String(Date.now()).slice(-8)}`;
    const yan = await makeUser(suite.server.url, { nickname: '燕子', phone });
    await app.tab('Contacts').click();
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Add contacts' }).click();
    await page.getByLabel('Tessera ID or phone number').fill(phone);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('燕子').waitFor();
    await page.getByRole('button', { name: 'Add to contacts' }).click();
    await page.getByText('Request sent').waitFor();
    const { requests } = await yan.api.ok<{ requests: FriendRequest[] }>('GET', '/api/v1/friend-requests');
    await yan.api.ok('POST', `/api/v1/friend-requests/${requests[0]!.id}/answer`, { accept: true });
    await app.back();
    await page.locator('section', { has: page.locator('h2', { hasText: 'Y' }) }).getByText('燕子').waitFor();

    // A request to Zoe arrives live; she declines it.
    const stranger = await makeUser(suite.server.url, { nickname: 'Stranger' });
    await stranger.api.ok('POST', '/api/v1/friend-requests', { toUserId: zoe.id, greeting: 'We met at the fair' });
    await page.getByRole('button', { name: /New friends/ }).getByText('1').waitFor();
    await page.getByRole('button', { name: /New friends/ }).click();
    const request = page.locator('.request-row', { hasText: 'Stranger' });
    await request.getByText('We met at the fair').waitFor();
    await screenshot(page, 'new-friends');
    await request.getByRole('button', { name: 'Decline' }).click();
    await request.getByText('Declined').waitFor();
    await app.back();

    // Profile: name and photo.
    await app.tab('Me').click();
    await page.getByRole('button', { name: 'My profile' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Zoe Z.');
    await page.getByLabel("What's up").fill('Hiking on weekends');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved').waitFor();
    const photo = await sharp({ create: { width: 200, height: 200, channels: 3, background: { r: 240, g: 160, b: 32 } } }).jpeg().toBuffer();
    await page.locator('input[type=file]').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.locator('.avatar-edit img.avatar').waitFor();
    await app.back();
    await page.locator('.me-card', { hasText: 'Zoe Z.' }).locator('img.avatar').waitFor();
    await screenshot(page, 'me-with-photo');

    expect(device.errors).toEqual([]);
  });
});
