import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { startDevServer, type DevServer } from '../../src/simulator/dev-server';

/** Debian's Chromium; the project never downloads a browser of its own. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Starts headless Chromium, failing loudly (not skipping) when it is not installed. `extraArgs`
 * are added to the usual flags (a suite that needs a fake camera asks for one).
 */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium"`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...extraArgs],
  });
}

/** A simulator session: the dev server for a project and a browser page showing it. */
export interface SimulatorSession {
  server: DevServer;
  page: Page;
  close(): Promise<void>;
}

/** Chromium flags that give the browser a fake camera and grant media prompts without asking. */
export const FAKE_CAMERA_FLAGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/**
 * The simulator on `dir` for every test of one file: a browser and the simulator are opened before
 * the first test and closed after the last. The returned session stands for the open one.
 * `browserArgs` are extra Chromium flags for this file's browser; `deviceScaleFactor` is the
 * page's device pixel ratio (1 unless given), which the simulator reports as `pixelRatio`.
 */
export function simulatorForFile(dir: string, search = '', options: { browserArgs?: string[]; deviceScaleFactor?: number } = {}): SimulatorSession {
  let browser: Browser | undefined;
  let open: SimulatorSession | undefined;
  beforeAll(async () => {
    browser = await launchBrowser(options.browserArgs);
    open = await openSimulator(browser, dir, search, false, undefined, options.deviceScaleFactor);
  });
  afterAll(async () => {
    await open?.close();
    await browser?.close();
  });
  const current = (): SimulatorSession => {
    if (!open) throw new Error('the simulator is open only while the tests of this file run');
    return open;
  };
  return {
    get server() {
      return current().server;
    },
    get page() {
      return current().page;
    },
    close: () => current().close(),
  };
}

/**
 * For a file whose tests open simulators of their own: one browser, launched before the file's
 * tests and closed after them with every simulator `open` opened.
 */
export function browserForFile(): { open(dir: string, search?: string): Promise<SimulatorSession> } {
  let browser: Browser | undefined;
  const sessions: SimulatorSession[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const session of sessions.splice(0)) await session.close();
    await browser?.close();
  });
  return {
    async open(dir, search = '') {
      if (!browser) throw new Error('the browser is open only while the tests of this file run');
      const session = await openSimulator(browser, dir, search);
      sessions.push(session);
      return session;
    },
  };
}

/** Opens a simulator and records the subpackages it fetches from now on (the launch's own are in `loadedPackages`). */
export async function openRecordingSubpackages(
  opener: { open(dir: string, search?: string): Promise<SimulatorSession> },
  dir: string,
  search = '',
): Promise<{ page: Page; fetched: string[] }> {
  const fetched: string[] = [];
  const session = await opener.open(dir, search);
  session.page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/__tessera/subpackage.json') fetched.push(url.searchParams.get('root') ?? '');
  });
  return { page: session.page, fetched };
}

/** The roots of the packages the host has loaded, sorted ('' is the main package). */
export function loadedPackages(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __simulator: { host: { loadedPackages(): string[] } } }).__simulator.host.loadedPackages().sort());
}

/** Drags the mouse across `selector` in `frame` from its centre by (dx, dy), in `steps`, as a person would. */
export async function mouseDrag(page: Page, frame: Frame, selector: string, dx: number, dy: number, steps = 6): Promise<void> {
  const box = await frame.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps });
  await page.mouse.up();
}

/** Serves `dir` with the dev server and opens the simulator in a fresh browser context. */
export async function openSimulator(browser: Browser, dir: string, search = '', watch = false, requestMap?: Record<string, string>, deviceScaleFactor?: number): Promise<SimulatorSession> {
  const server = await startDevServer({ dir, watch, requestMap });
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, ...(deviceScaleFactor ? { deviceScaleFactor } : {}) });
  const page = await context.newPage();
  await page.goto(`${server.url}${search}`);
  await page.waitForFunction(() => {
    const simulator = (window as unknown as { __simulator?: { ready?: Promise<void>; errors: string[] } }).__simulator;
    return simulator?.ready !== undefined || !!simulator?.errors.length;
  });
  const errors = await page.evaluate(() => (window as unknown as { __simulator: { errors: string[] } }).__simulator.errors);
  if (errors.length) throw new Error(`the project did not compile:\n${errors.join('\n')}`);
  await page.evaluate(() => (window as unknown as { __simulator: { ready: Promise<void> } }).__simulator.ready);
  return {
    server,
    page,
    close: async () => {
      await context.close();
      await server.close();
    },
  };
}

/** The view frame of the page at the top of the stack (or of a given page id). */
export async function viewFrame(page: Page, pageId?: number): Promise<Frame> {
  const id = pageId ?? (await page.evaluate(() => (window as unknown as { __simulator: { host: { pages(): Array<{ pageId: number }> } } }).__simulator.host.pages().at(-1)?.pageId ?? 0));
  const handle = await page.waitForSelector(`iframe[data-page-id="${id}"]`, { state: 'attached' });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`no frame for page ${id}`);
  return frame;
}

/**
 * Taps an element whose handler takes its own page off the stack (a back link): the click is
 * dispatched in the frame's next task, after this call has returned, so the frame being removed
 * cannot fail the call itself, as it can when a loaded machine answers the tap's navigation first.
 */
export async function tapLeaving(frame: Frame, selector: string): Promise<void> {
  await frame.locator(selector).waitFor({ state: 'attached' });
  await frame.evaluate((target) => {
    setTimeout(() => document.querySelector(target)?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true })));
  }, selector);
}

/** Waits until the page on top of the stack is `path` (a navigation has been taken), then returns its view frame. */
export async function topPageFrame(page: Page, path: string): Promise<Frame> {
  await page.waitForFunction(
    (expected) => (window as unknown as { __simulator: { host: { pages(): Array<{ path: string }> } } }).__simulator.host.pages().at(-1)?.path === expected,
    path,
  );
  return viewFrame(page);
}

/** Logic-layer console lines the simulator has received so far. */
export async function logs(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __simulator: { logs: Array<{ text: string }> } }).__simulator.logs.map((entry) => entry.text));
}

/** Waits until a logic-layer console line matching `pattern` has arrived. */
export async function waitForLog(page: Page, pattern: string): Promise<void> {
  await page.waitForFunction((text) => (window as unknown as { __simulator: { logs: Array<{ text: string }> } }).__simulator.logs.some((entry) => entry.text.includes(text)), pattern);
}

/** The project fixtures used by the browser suites. */
export const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;

/** Runs a function in the logic Worker (where getCurrentPages, getApp and wx are globals). */
export async function inLogic<T>(page: Page, work: string): Promise<T> {
  // The simulator keeps a prewarmed spare Worker beside the program's: pick the one that has pages.
  for (const worker of [...page.workers()].reverse()) {
    const running = await worker.evaluate('typeof getCurrentPages === "function" && getCurrentPages().length > 0').catch(() => false);
    if (running) return worker.evaluate(work) as Promise<T>;
  }
  throw new Error('no logic worker is running a program');
}

/**
 * Waits until a line containing `last` follows the latest line containing `first`, and
 * returns the lines from that `first` through that `last`.
 */
export async function logsAfter(page: Page, first: string, last: string): Promise<string[]> {
  const find = (lines: string[]): [number, number] => {
    let start = -1;
    lines.forEach((line, index) => {
      if (line.includes(first)) start = index;
    });
    const end = start < 0 ? -1 : lines.findIndex((line, index) => index >= start && line.includes(last));
    return [start, end];
  };
  await page.waitForFunction(
    ({ first: from, last: to }) => {
      const lines = (window as unknown as { __simulator: { logs: Array<{ text: string }> } }).__simulator.logs.map((entry) => entry.text);
      let start = -1;
      lines.forEach((line, index) => {
        if (line.includes(from)) start = index;
      });
      return start >= 0 && lines.some((line, index) => index >= start && line.includes(to));
    },
    { first, last },
  );
  const lines = await logs(page);
  const [start, end] = find(lines);
  return lines.slice(start, end + 1);
}

/**
 * Reads pixels of a screenshot at device-pixel points, decoding the PNG with the browser itself,
 * so tests can check what a person would see (colours of drawn pixels) without an image library.
 */
export async function screenshotPixels(page: Page, png: Buffer, points: Array<[number, number]>): Promise<number[][]> {
  return page.evaluate(
    async ({ data, spots }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d') as CanvasRenderingContext2D;
      context.drawImage(image, 0, 0);
      return spots.map(([x, y]) => Array.from(context.getImageData(x, y, 1, 1).data));
    },
    { data: png.toString('base64'), spots: points },
  );
}

/**
 * Pixels of a screenshot of the element `selector` in `frame`, read at CSS px points inside it,
 * as a person sees them (the screenshot's own scale is taken from its PNG header's width).
 */
export async function elementPixels(page: Page, frame: Frame, selector: string, points: Array<[number, number]>): Promise<number[][]> {
  const element = frame.locator(selector);
  const box = await element.boundingBox();
  if (!box) throw new Error(`${selector} has no box`);
  const shot = await element.screenshot();
  const scale = shot.readUInt32BE(16) / box.width;
  return screenshotPixels(page, shot, points.map(([x, y]) => [Math.floor(x * scale), Math.floor(y * scale)]));
}

/** One pixel of a screenshot (see `screenshotPixels`). */
export async function screenshotPixel(page: Page, png: Buffer, x: number, y: number): Promise<number[]> {
  return (await screenshotPixels(page, png, [[x, y]]))[0] as number[];
}

/** A loopback server a hostile program tries to reach: every request or upgrade it records is an escape. */
export interface EscapeTarget {
  port: number;
  hits: string[];
  close(): Promise<void>;
}

export async function startEscapeTarget(): Promise<EscapeTarget> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.end('leaked');
  });
  server.on('upgrade', (request, socket) => {
    hits.push(`upgrade ${request.url ?? ''}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
