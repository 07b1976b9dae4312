import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openSimulator, viewFrame, type SimulatorSession } from './support/browser-harness';

let browser: Browser;
let session: SimulatorSession;
let site: Server;
const visits: string[] = [];

beforeAll(async () => {
  // A site on the app's business domains.
  site = createServer((request, response) => {
    visits.push(request.url ?? '');
    response.setHeader('content-type', 'text/html');
    response.end('<!doctype html><title>shop</title><p id="shop">the shop</p>');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  const dir = mkdtempSync(join(tmpdir(), 'tessera-webview-'));
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write('project.config.json', JSON.stringify({ appid: 'wxwebview', tessera: { webViewOrigins: [origin] } }));
  write('app.json', JSON.stringify({ pages: ['pages/shop/shop'] }));
  write('app.js', 'App({})');
  write('pages/shop/shop.wxml', `<web-view id="web" src="${origin}/shop"/>`);
  write('pages/shop/shop.js', 'Page({})');
  browser = await launchBrowser();
  session = await openSimulator(browser, dir);
});
afterAll(async () => {
  await session?.close();
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
});

describe('web-view', () => {
  it("shows a page of the app's business domains over the whole page, sandboxed", async () => {
    const frame = await viewFrame(session.page);
    const web = frame.frameLocator('#web iframe');
    await web.locator('#shop').waitFor();
    expect(await web.locator('#shop').innerText()).toBe('the shop');
    expect(await frame.locator('#web iframe').getAttribute('sandbox')).toBe('allow-scripts allow-forms');
    expect(visits).toEqual(['/shop']);
  });
});
