import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../../packages/server/test/factories';
import { startTestServer, type TestServer } from '../../packages/server/test/harness';
import { AppDriver } from './support/app-driver';
import { launchChromium, openDevice, screenshot, unlabeledControls } from './support/browser';
import { decodePng, qrPng, qrY4m } from './support/qr-image';
import { ensureWebBuilt } from './support/web-build';

describe('web app: My QR code and Scan', () => {
  let server: TestServer;
  let browser: Browser;
  const scratch = mkdtempSync(path.join(tmpdir(), 'tessera-scan-'));

  beforeAll(async () => {
    await ensureWebBuilt();
    [server, browser] = await Promise.all([startTestServer('sqlite'), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('shows my QR code, and a picture of it opens my profile for another user to add me', async () => {
    const alice = await makeUser(server.url, { nickname: 'Alice' });
    const bob = await makeUser(server.url, { nickname: 'Bob' });
    const aliceDevice = await openDevice(browser, server.url);
    const aliceApp = new AppDriver(aliceDevice.page);
    await aliceApp.signIn(alice.handle);
    await aliceApp.tab('Me').click();
    await aliceDevice.page.getByRole('button', { name: 'My QR code' }).click();
    const code = aliceDevice.page.getByRole('img', { name: 'QR code of Alice' });
    await code.waitFor();
    await screenshot(aliceDevice.page, 'my-qr-code');
    expect(await unlabeledControls(aliceDevice.page)).toEqual([]);
    const link = `${server.url}/u/${alice.handle}`;
    // What a camera sees: the rendered code, read back with the decoder library.
    const picture = await aliceDevice.page.screenshot();
    expect(await decodePng(await code.screenshot())).toBe(link);
    expect(await decodePng(picture)).toBe(link);

    const bobDevice = await openDevice(browser, server.url);
    const bobApp = new AppDriver(bobDevice.page);
    await bobApp.signIn(bob.handle);
    await bobDevice.page.getByRole('button', { name: 'More actions' }).click();
    await bobDevice.page.getByRole('menuitem', { name: 'Scan' }).click();
    await bobDevice.page.getByRole('heading', { name: 'Scan' }).waitFor();
    const file = path.join(scratch, 'alice-qr.png');
    writeFileSync(file, picture);
    await bobDevice.page.getByLabel('Choose a picture').setInputFiles(file);
    await bobDevice.page.getByText(`Tessera ID: ${alice.handle}`).waitFor();
    await bobDevice.page.getByRole('button', { name: 'Add to contacts' }).click();
    await bobDevice.page.getByText('Request sent').waitFor();

    await aliceDevice.page.getByRole('button', { name: 'Back' }).click();
    await aliceApp.tab('Contacts').click();
    await aliceDevice.page.getByRole('button', { name: /New friends/ }).click();
    await aliceDevice.page.locator('.request-row', { hasText: 'Bob' }).getByRole('button', { name: 'Accept' }).waitFor();
    expect(aliceDevice.errors).toEqual([]);
    expect(bobDevice.errors).toEqual([]);
    await aliceDevice.context.close();
    await bobDevice.context.close();
  });

  it('shows a scanned web address to open on request and other text to copy, and says when a picture has no code', async () => {
    const carol = await makeUser(server.url, { nickname: 'Carol' });
    const device = await openDevice(browser, server.url);
    const page = device.page;
    await device.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await new AppDriver(page).signIn(carol.handle);
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Scan' }).click();
    const chooser = page.getByLabel('Choose a picture');
    // Chromium's synthetic camera is running: the scanner says where to hold a code.
    await page.getByText('Put a QR code inside the frame').waitFor();
    await screenshot(page, 'scan');

    const address = 'https://example.org/docs?page=2';
    const urlFile = path.join(scratch, 'url.png');
    writeFileSync(urlFile, await qrPng(address));
    await chooser.setInputFiles(urlFile);
    await page.getByRole('heading', { name: 'Web address' }).waitFor();
    const open = page.getByRole('link', { name: 'Open' });
    expect(await open.getAttribute('href')).toBe(address);
    expect(await open.getAttribute('rel')).toContain('noopener');
    expect(new URL(page.url()).pathname).toBe('/scan');
    expect(await unlabeledControls(page)).toEqual([]);
    await page.getByRole('button', { name: 'Scan again' }).click();

    const textFile = path.join(scratch, 'text.png');
    writeFileSync(textFile, await qrPng('Tea at four, room 12'));
    await chooser.setInputFiles(textFile);
    await page.getByRole('heading', { name: 'Scanned text' }).waitFor();
    await page.getByText('Tea at four, room 12').waitFor();
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('status').getByText('Copied').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe('Tea at four, room 12');
    await page.getByRole('button', { name: 'Scan again' }).click();

    const blankFile = path.join(scratch, 'blank.png');
    writeFileSync(blankFile, await page.screenshot());
    await chooser.setInputFiles(blankFile);
    await page.getByRole('alert').getByText('No QR code found in this picture').waitFor();
    expect(device.errors).toEqual([]);
    await device.context.close();
  });

  it('reads a contact link from the camera and opens the profile, in Chinese', async () => {
    const dan = await makeUser(server.url, { nickname: 'Dan' });
    const erin = await makeUser(server.url, { nickname: 'Erin' });
    const video = path.join(scratch, 'camera.y4m');
    writeFileSync(video, await qrY4m(`${server.url}/u/${dan.handle}`));
    const cameraBrowser = await launchChromium([`--use-file-for-fake-video-capture=${video}`]);
    try {
      const device = await openDevice(cameraBrowser, server.url, { locale: 'zh-CN' });
      await device.context.grantPermissions(['camera'], { origin: server.url });
      const page = device.page;
      await page.getByLabel('Tessera 号或手机号').fill(erin.handle);
      await page.getByLabel('密码').fill('correct horse battery');
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.getByRole('button', { name: '更多功能' }).click();
      await page.getByRole('menuitem', { name: '扫一扫' }).click();
      await page.getByText(`Tessera 号：${dan.handle}`).waitFor().catch(async (error: unknown) => {
        await screenshot(page, 'scan-camera-failed');
        throw error;
      });
      await page.getByRole('button', { name: '添加到通讯录' }).click();
      await page.getByText('已发送申请').waitFor();
      expect(device.errors).toEqual([]);
    } finally {
      await cameraBrowser.close();
    }
  });

  it('says when the camera is refused or missing, and still offers a picture', async () => {
    const frank = await makeUser(server.url, { nickname: 'Frank' });
    const cases = [
      { error: 'NotAllowedError', message: 'Camera access is not allowed. Allow it in the browser settings, or choose a picture.' },
      { error: 'NotFoundError', message: 'No camera found on this device. Choose a picture instead.' },
    ];
    for (const { error, message } of cases) {
      const device = await openDevice(browser, server.url);
      // The browser's answer when the person refuses the camera or has none, which the synthetic camera never gives.
      await device.page.addInitScript(`navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('refused', '${error}'));`);
      const app = new AppDriver(device.page);
      await app.signIn(frank.handle);
      await device.page.goto('/scan');
      await device.page.getByRole('alert').getByText(message).waitFor();
      await device.page.getByLabel('Choose a picture').waitFor({ state: 'attached' });
      expect(await unlabeledControls(device.page)).toEqual([]);
      await device.context.close();
    }
  });

  it('opens a contact link followed from outside the app at the profile, after signing in', async () => {
    const gina = await makeUser(server.url, { nickname: 'Gina' });
    const hal = await makeUser(server.url, { nickname: 'Hal' });
    const device = await openDevice(browser, server.url);
    const page = device.page;
    // What a phone camera app opens after scanning Gina's code.
    await page.goto(`/u/${gina.handle}`);
    await page.getByLabel('Tessera ID or phone').fill(hal.handle);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText(`Tessera ID: ${gina.handle}`).waitFor();
    await page.getByRole('button', { name: 'Add to contacts' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/contacts/user/${gina.id}`);
    expect(device.errors).toEqual([]);
    await device.context.close();
  });
});
