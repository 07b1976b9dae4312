import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { startDevServer, type DevServer } from '../../src/simulator/dev-server';

/** Debian's Chromium; the project never downloads a browser of its own. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Starts headless Chromium, failing loudly (not skipping) when it is not installed. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium"`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A simulator session: the dev server for a project and a browser page showing it. */
export interface SimulatorSession {
  server: DevServer;
  page: Page;
  close(): Promise<void>;
}

/** Serves `dir` with the dev server and opens the simulator in a fresh browser context. */
export async function openSimulator(browser: Browser, dir: string, search = ''): Promise<SimulatorSession> {
  const server = await startDevServer({ dir, watch: false });
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}${search}`);
  await page.waitForFunction(() => (window as unknown as { __simulator?: { ready?: Promise<void> } }).__simulator?.ready !== undefined);
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

/** Logic-layer console lines the simulator has received so far. */
export async function logs(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __simulator: { logs: Array<{ text: string }> } }).__simulator.logs.map((entry) => entry.text));
}

/** Waits until a logic-layer console line matching `pattern` has arrived. */
export async function waitForLog(page: Page, pattern: string): Promise<void> {
  await page.waitForFunction((text) => (window as unknown as { __simulator: { logs: Array<{ text: string }> } }).__simulator.logs.some((entry) => entry.text.includes(text)), pattern);
}
