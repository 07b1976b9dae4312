/**
 * Launch timings taken in a Chromium that no automation client is attached to while the launch
 * runs. A client that drives the browser (Playwright, for the other figures) auto-attaches to
 * every new frame process and Worker and holds each one until it has answered, so with the
 * launch's two sandboxed frames and its logic Worker, an attached browser measures those
 * round trips as well. Here tabs are opened through the DevTools HTTP endpoint, which attaches
 * nothing; once the launch has painted, a one-off DevTools session per frame reads the clocks
 * the simulator and the view already keep.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';

interface DevToolsTarget {
  id: string;
  type: string;
  parentId?: string;
  webSocketDebuggerUrl: string;
}

export interface UnattachedBrowser {
  /** Opens `url` in a new tab and returns the ms from the simulator's launch start to the first page painted. */
  launchTime(url: string): Promise<number>;
  /** Opens `url` in a new tab and, once it has settled, returns the number `expression` gives in it. */
  valueIn(url: string, expression: string): Promise<number>;
  /** Opens `url` in a new tab and returns the first number `expression` gives in one of its frames. */
  valueInFrames(url: string, expression: string): Promise<number>;
  close(): Promise<void>;
}

const SETTLE_MS = 1500;
const GIVE_UP_MS = 20_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForPort(dataDir: string, child: ChildProcess): Promise<number> {
  const until = Date.now() + GIVE_UP_MS;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`chromium exited with code ${child.exitCode}`);
    const text = await readFile(join(dataDir, 'DevToolsActivePort'), 'utf8').catch(() => '');
    const port = Number(text.split('\n')[0]);
    if (port > 0) return port;
    await sleep(50);
  }
  throw new Error('chromium did not open its DevTools port');
}

/** Evaluates an expression in one target over a short-lived session (nothing else is enabled). */
async function evaluateIn(target: DevToolsTarget, expression: string): Promise<unknown> {
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const reply = new Promise<{ result?: { result?: { value?: unknown } } }>((resolve, reject) => {
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { id?: number; result?: { result?: { value?: unknown } } };
        if (message.id === 1) resolve(message);
      });
      socket.once('error', reject);
    });
    socket.send(JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression, returnByValue: true } }));
    return (await reply).result?.result?.value;
  } finally {
    socket.close();
  }
}

export async function startUnattachedBrowser(executablePath: string, args: string[]): Promise<UnattachedBrowser> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tessera-bench-chromium-'));
  const child = spawn(executablePath, [...args, '--headless', '--window-size=1000,900', '--remote-debugging-port=0', `--user-data-dir=${dataDir}`, 'about:blank'], { stdio: 'ignore' });
  const port = await waitForPort(dataDir, child);
  const endpoint = `http://127.0.0.1:${port}`;
  const targets = async (): Promise<DevToolsTarget[]> => (await (await fetch(`${endpoint}/json/list`)).json()) as DevToolsTarget[];

  /**
   * Opens `url` in a new tab, lets it run with nothing connected, then polls `read` (given the
   * targets of the moment and the tab's id) until it gives a number; closes the tab.
   */
  const inNewTab = async (url: string, read: (all: DevToolsTarget[], tabId: string) => Promise<number | undefined>): Promise<number> => {
    const tab = (await (await fetch(`${endpoint}/json/new?${encodeURI(url)}`, { method: 'PUT' })).json()) as DevToolsTarget;
    try {
      await sleep(SETTLE_MS);
      const until = Date.now() + GIVE_UP_MS;
      while (Date.now() < until) {
        const value = await read(await targets(), tab.id);
        if (value !== undefined) return value;
        await sleep(200);
      }
      throw new Error(`${url}: nothing to read within ${GIVE_UP_MS} ms`);
    } finally {
      await fetch(`${endpoint}/json/close/${tab.id}`).catch(() => undefined);
    }
  };

  return {
    launchTime: (url) =>
      inNewTab(url, async (all, tabId) => {
        const page = all.find((target) => target.id === tabId);
        const started = page ? Number(await evaluateIn(page, 'globalThis.__simulator?.startedAt ?? 0')) : 0;
        let painted = 0;
        for (const frame of all.filter((target) => target.type === 'iframe' && target.parentId === tabId)) {
          painted = Math.max(painted, Number(await evaluateIn(frame, 'globalThis.__tesseraView?.firstPaintAt ?? 0')));
        }
        return started > 0 && painted > 0 ? painted - started : undefined;
      }),
    valueIn: (url, expression) =>
      inNewTab(url, async (all, tabId) => {
        const page = all.find((target) => target.id === tabId);
        const value = page ? Number(await evaluateIn(page, expression)) : Number.NaN;
        return Number.isFinite(value) ? value : undefined;
      }),
    valueInFrames: (url, expression) =>
      inNewTab(url, async (all, tabId) => {
        for (const frame of all.filter((target) => target.type === 'iframe' && target.parentId === tabId)) {
          const value = Number(await evaluateIn(frame, expression));
          if (Number.isFinite(value)) return value;
        }
        return undefined;
      }),
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill();
        await exited;
      }
      // Chromium's helper processes may still be writing the profile for a moment after it exits.
      await rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}
