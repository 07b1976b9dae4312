import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, launchBrowser, openSimulator, viewFrame, type SimulatorSession } from './support/browser-harness';

/**
 * A list page written as published ones are: it names its production origin in the code, reads
 * the json-server total from `res.header['X-Total-Count']`, loads the next page on every
 * onReachBottom (its page json asks for a 200 px distance) and reloads on pull-down. The
 * backend is a local server that sends no CORS headers, as WeChat's network layer needs none;
 * the simulator reaches it through the developer's request map.
 */
let browser: Browser;
let session: SimulatorSession;
let backend: Server;
const requests: string[] = [];

beforeAll(async () => {
  const goods = Array.from({ length: 35 }, (_, index) => ({ id: index + 1, name: `Goods ${index + 1}`, cents: 1000 + index * 25 }));
  backend = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://backend');
    requests.push(`${url.pathname}${url.search}`);
    const page = Number(url.searchParams.get('_page'));
    const limit = Number(url.searchParams.get('_limit'));
    // The server's own spelling; the browser hands it over lower-cased.
    response.writeHead(200, { 'Content-Type': 'application/json', 'X-Total-Count': String(goods.length) });
    response.end(JSON.stringify(goods.slice((page - 1) * limit, page * limit)));
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  const port = (backend.address() as AddressInfo).port;
  browser = await launchBrowser();
  session = await openSimulator(browser, `${FIXTURES}paged-list`, '', false, { 'https://goods.example.com': `http://127.0.0.1:${port}` });
});
afterAll(async () => {
  await session?.close();
  await browser?.close();
  await new Promise((resolve) => backend?.close(resolve));
});

const count = (frame: Frame): Promise<number> => frame.locator('.item').count();

async function waitForCount(frame: Frame, expected: number): Promise<void> {
  await frame.waitForFunction((n) => document.querySelectorAll('.item').length === n, expected);
}

/** Scrolls like a user to `gap` px above the page's current bottom. */
async function scrollToBottom(frame: Frame, gap = 0): Promise<void> {
  await frame.evaluate((offset) => window.scrollTo(0, document.documentElement.scrollHeight - window.innerHeight - offset), gap);
}

describe('a published-style paged list in the simulator', () => {
  it('reaches the production origin the code names through the request map, with no CORS on the backend', async () => {
    const frame = await viewFrame(session.page);
    await waitForCount(frame, 10);
    expect(requests).toEqual(['/items?_page=1&_limit=10']);
    expect(await frame.locator('.price >> nth=1').innerText()).toBe('¥10.25');
  });

  it('reads response headers by the name the server spells, whatever case the browser reports', async () => {
    const frame = await viewFrame(session.page);
    await frame.waitForFunction(() => document.querySelector('.total')?.textContent === '35');
    expect(await frame.locator('.summary').innerText()).toBe('10 of 35');
  });

  it('fires onReachBottom again at each new bottom, within the page’s onReachBottomDistance', async () => {
    const frame = await viewFrame(session.page);
    // 150 px above the bottom: inside the page's 200 px, outside WeChat's default 50.
    await scrollToBottom(frame, 150);
    await waitForCount(frame, 20);
    await scrollToBottom(frame);
    await waitForCount(frame, 30);
    await scrollToBottom(frame);
    await waitForCount(frame, 35);
    await frame.waitForSelector('.end');
    await scrollToBottom(frame, 10);
    expect(requests.filter((line) => line.startsWith('/items'))).toHaveLength(4);
  });

  it('reloads the first page on pull-down refresh', async () => {
    const frame = await viewFrame(session.page);
    await frame.evaluate(() => window.scrollTo(0, 0));
    await session.page.evaluate(() => (window as unknown as { __simulator: { host: { pullDown(): void } } }).__simulator.host.pullDown());
    await waitForCount(frame, 10);
    expect(await count(frame)).toBe(10);
    expect(requests.at(-1)).toBe('/items?_page=1&_limit=10');
  });
});
