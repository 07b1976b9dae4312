import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makeContacts, makeUser } from '../../packages/server/test/factories';
import { AppDriver } from './support/app-driver';
import { openDevice, screenshot } from './support/browser';
import { useWebSuite } from './support/web-suite';

/** The DOM fields the checks read (the tests compile without the DOM library). */
type LoadedImage = { naturalWidth: number };
type Styled = { style: { width: string } };

describe('web app: images, files and voice', () => {
  const suite = useWebSuite();

  it('sends a photo, a file and a voice message that the other side can open, download and play', async () => {
    const alice = await makeUser(suite.server.url, { nickname: 'Alice' });
    const bob = await makeUser(suite.server.url, { nickname: 'Bob' });
    await makeContacts(alice, bob);
    const aliceDevice = await openDevice(suite.browser, suite.server.url);
    const bobDevice = await openDevice(suite.browser, suite.server.url, { width: 1280, height: 800 });
    const a = new AppDriver(aliceDevice.page);
    const b = new AppDriver(bobDevice.page);
    await a.signIn(alice.handle);
    await b.signIn(bob.handle);
    await a.openChat('Bob');
    await b.openChat('Alice');

    // A photo: the thumbnail shows on both sides, and opens full screen.
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 7, g: 193, b: 96 } } }).png().toBuffer();
    await a.page.getByRole('button', { name: 'More', exact: true }).click();
    await a.page.locator('input[type=file][accept^="image"]').setInputFiles({ name: 'park.png', mimeType: 'image/png', buffer: photo });
    const thumbnail = b.page.locator('.bubble-image img');
    await thumbnail.waitFor();
    await expect.poll(() => thumbnail.evaluate((image) => (image as unknown as LoadedImage).naturalWidth > 0)).toBe(true);
    await b.page.getByRole('button', { name: '[Image]', exact: true }).click();
    const full = b.page.getByRole('dialog', { name: '[Image]' }).locator('img');
    await expect.poll(() => full.evaluate((image) => (image as unknown as LoadedImage).naturalWidth)).toBe(640);
    await screenshot(bobDevice.page, 'image-viewer');
    await bobDevice.page.keyboard.press('Escape');

    // A file: a card with its name and size; the link downloads the same bytes.
    const notes = Buffer.from('Agenda:\n1. Route\n2. Food\n');
    await a.page.getByRole('button', { name: 'More', exact: true }).click();
    await a.page.locator('input[type=file]:not([accept])').setInputFiles({ name: 'agenda.txt', mimeType: 'text/plain', buffer: notes });
    const card = b.page.locator('.file-card', { hasText: 'agenda.txt' });
    await card.getByText(`${notes.length} B`).waitFor();
    const [download] = await Promise.all([bobDevice.page.waitForEvent('download'), card.click()]);
    expect(download.suggestedFilename()).toBe('agenda.txt');
    const saved = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of saved) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(notes)).toBe(true);

    // A voice message: hold to record (Chromium's synthetic microphone), release to send.
    await a.page.getByRole('button', { name: 'More', exact: true }).click();
    const hold = a.page.getByRole('button', { name: 'Hold to talk' });
    await hold.hover();
    await a.page.mouse.down();
    await a.page.getByRole('button', { name: /Release to send 1″/ }).waitFor();
    await a.page.mouse.up();
    const voice = b.page.getByRole('button', { name: /^\[Voice\] \d+″$/ });
    await voice.waitFor();
    await screenshot(aliceDevice.page, 'conversation-media');
    // The recording is served to Bob as audio he can play.
    await voice.click();
    const progress = b.page.locator('.voice-progress');
    await expect.poll(() => progress.evaluate((bar) => parseFloat((bar as unknown as Styled).style.width))).toBeGreaterThan(0);

    expect(aliceDevice.errors).toEqual([]);
    expect(bobDevice.errors).toEqual([]);
  });
});
