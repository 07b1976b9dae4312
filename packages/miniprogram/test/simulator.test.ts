import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openSimulator, viewFrame, waitForLog, type SimulatorSession } from './support/browser-harness';

let browser: Browser;
let session: SimulatorSession;
let dir: string;

function write(path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-sim-'));
  write('app.json', JSON.stringify({ pages: ['pages/home/home', 'pages/next/next'] }));
  write('app.js', "App({ onError(message) { console.log('app saw error'); }, onHide() { console.log('app hidden'); }, onShow() { console.log('app shown'); } });");
  write('pages/home/home.wxml', '<view id="greeting">{{greeting}}</view>');
  write('pages/home/home.js', "Page({\n  data: { greeting: 'hello' },\n  onLoad() {\n    wx.setStorageSync('visits', 1);\n    wx.navigateTo({ url: '/pages/next/next' });\n  },\n});\n");
  write('pages/next/next.wxml', '<view id="next">next</view>');
  write('pages/next/next.js', "Page({\n  onLoad() {\n    const broken = null;\n    console.log(broken.missing);\n  },\n});\n");
  browser = await launchBrowser();
  session = await openSimulator(browser, dir, '', true);
  await waitForLog(session.page, 'app saw error');
});
afterAll(async () => {
  await session?.close();
  await browser?.close();
});

const generation = (): Promise<number> => session.page.evaluate(() => (window as unknown as { __simulator: { generation: number } }).__simulator.generation);

describe('tessera dev simulator', () => {
  it('shows logic errors in the console with the source file, line and column', async () => {
    const consoleText = await session.page.locator('.sim-console').innerText();
    expect(consoleText).toMatch(/\[error\] pages\/next\/next onLoad: TypeError: Cannot read properties of null \(reading 'missing'\)\n\s+at [^\n]*\(pages\/next\/next\.js:4:\d+\)/);
  });

  it('shows the page stack and the storage inspector', async () => {
    await session.page.locator('.sim-stack', { hasText: '2. pages/next/next' }).waitFor();
    expect(await session.page.locator('.sim-stack').innerText()).toBe('1. pages/home/home\n2. pages/next/next');
    expect(await session.page.locator('.sim-storage').innerText()).toBe('visits: 1');
  });

  it('sends the app to the background and back', async () => {
    await session.page.locator('button', { hasText: 'Send to background' }).click();
    await waitForLog(session.page, 'app hidden');
    const shown = (await session.page.evaluate(() => (window as unknown as { __simulator: { logs: Array<{ text: string }> } }).__simulator.logs.map((entry) => entry.text))).filter((line) => line === 'app shown');
    await session.page.locator('button', { hasText: 'Bring to foreground' }).click();
    await session.page.waitForFunction((before) => (window as unknown as { __simulator: { logs: Array<{ text: string }> } }).__simulator.logs.filter((entry) => entry.text === 'app shown').length > before, shown.length);
  });

  it('shows storage writes in the inspector as they happen', async () => {
    await session.page.workers().at(-1)?.evaluate(() => (globalThis as unknown as { wx: { setStorageSync(key: string, value: unknown): void } }).wx.setStorageSync('theme', 'dark'));
    await session.page.locator('.sim-storage', { hasText: 'theme: "dark"' }).waitFor();
  });

  it('refuses location APIs that app.json does not declare in requiredPrivateInfos', async () => {
    const failure = await session.page.workers().at(-1)?.evaluate(() => (globalThis as unknown as { wx: { getLocation(options: object): Promise<unknown> } }).wx.getLocation({}).catch((error: { errMsg: string }) => error.errMsg));
    expect(failure).toBe('getLocation:fail the api need to be declared in the requiredPrivateInfos field in app.json/ext.json');
  });

  it('switches device presets', async () => {
    await session.page.locator('select[aria-label=Device]').selectOption('Pixel 7');
    expect(await session.page.locator('#phone').evaluate((el) => [(el as HTMLElement).style.width, (el as HTMLElement).style.height])).toEqual(['412px', '915px']);
  });

  it('reloads on save and reopens the page being viewed', async () => {
    const before = await generation();
    write('pages/next/next.wxml', '<view id="next">next, edited</view>');
    await session.page.waitForFunction((previous) => (window as unknown as { __simulator: { generation: number } }).__simulator.generation > previous, before);
    await session.page.evaluate(() => (window as unknown as { __simulator: { ready: Promise<void> } }).__simulator.ready);
    const frame = await viewFrame(session.page);
    await frame.locator('#next', { hasText: 'next, edited' }).waitFor();
  });

  it('shows build errors with file:line:col instead of running a broken package', async () => {
    write('pages/home/home.wxml', '<view>{{ greeting + }}</view>');
    await session.page.locator('.sim-errors', { hasText: 'pages/home/home.wxml:1:' }).waitFor();
    expect(await session.page.locator('.sim-errors').innerText()).toContain('error[bad_expression]');
  });
});
