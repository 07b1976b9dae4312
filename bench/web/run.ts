/**
 * `npm run bench:web`: the web app's budget in headless Chromium on this machine.
 *
 * - shell_js_gzip_kb: gzipped size of every JavaScript file the built app loads at start.
 * - first_paint_ms: from navigation start to the chats list painted from a warm cache (IndexedDB
 *   and the service worker's shell), median of --runs reloads.
 * - open_chat_10k_ms: from clicking a chat whose --messages (10,000) messages are all cached to its
 *   newest message painted, median of --runs fresh page loads (the time until all 10,000 are in
 *   the list, scrollable, is printed too).
 * Also printed: a scroll through the whole history (frames and the slowest frame).
 * Flags (or BENCH_<NAME> env vars): --messages, --runs. Ends with one RESULT line.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { Flags } from '../lib/args';
import { ServerProcess } from '../lib/server-process';
import { round } from '../lib/stats';
import { seedChat, seededText } from './seed';

const flags = new Flags();
const total = flags.number('messages', 10_000);
const runs = Math.max(1, flags.number('runs', 5));
const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../packages/web');
const log = (line: string) => console.log(line);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Builds the app for production and sums the gzipped JS that index.html loads. */
function buildAndMeasureShell(): number {
  const started = Date.now();
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: webDir, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  log(`build: ${Date.now() - started} ms`);
  const dist = path.join(webDir, 'dist');
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((match) => match[1]!);
  // Code-split chunks that the entry imports statically load at start too.
  const assets = readdirSync(path.join(dist, 'assets')).filter((file) => file.endsWith('.js'));
  let bytes = 0;
  for (const file of new Set([...scripts.map((script) => path.basename(script)), ...assets.filter((file) => html.includes(file))])) {
    bytes += gzipSync(readFileSync(path.join(dist, 'assets', file)), { level: 9 }).length;
  }
  return bytes / 1024;
}

// In-page code is passed as source text: tsx's name-keeping helpers do not exist in the page.

/**
 * In the page: clicks the first chat; resolves with the ms until `text` (the newest message) is
 * painted and until the whole history is in the list (its "beginning" marker shows).
 */
const openChatScript = (text: string) => `new Promise((resolve) => {
  const started = performance.now();
  let newest;
  const hasNewest = () => [...document.querySelectorAll('.message-text')].some((element) => element.textContent === ${JSON.stringify(text)});
  const hasAll = () => [...document.querySelectorAll('.list-marker')].some((element) => element.textContent === 'The beginning of the chat');
  const check = () => {
    if (newest === undefined && hasNewest()) {
      newest = null;
      requestAnimationFrame(() => { newest = performance.now() - started; if (all !== undefined) done(); });
    }
    if (all === undefined && hasAll()) {
      all = null;
      requestAnimationFrame(() => { all = performance.now() - started; if (typeof newest === 'number') done(); });
    }
  };
  let all;
  const done = () => { observer.disconnect(); resolve({ newest, all }); };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  document.querySelector('.chat-row .chat-row-main').click();
})`;

/** In the page: scrolls the open conversation to its first message a screenful per frame. */
const scrollScript = `(async () => {
  const viewport = document.querySelector('.virtual-viewport');
  const frames = [];
  let last = performance.now();
  while (viewport.scrollTop > 0) {
    viewport.scrollTop -= 1500;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const now = performance.now();
    frames.push(now - last);
    last = now;
  }
  frames.sort((a, b) => a - b);
  return { frames: frames.length, p95: frames[Math.floor(frames.length * 0.95)] ?? 0, worst: frames.at(-1) ?? 0, rows: document.querySelectorAll('.virtual-row').length };
})()`;

/** At document start: records when the first chat row reaches the screen. */
const firstRowScript = `new MutationObserver((_, observer) => {
  if (!document.querySelector('.chat-row')) return;
  observer.disconnect();
  requestAnimationFrame(() => { window.firstRowAt = performance.now(); });
}).observe(document, { childList: true, subtree: true });`;

async function main(): Promise<void> {
  const shellKb = buildAndMeasureShell();
  log(`shell JS gzipped: ${round(shellKb, 1)} KB`);
  const server = await ServerProcess.start({ engine: 'sqlite', settings: { TESSERA_SCRYPT_COST: '10', TESSERA_LOGIN_RATE_PER_MINUTE: '100000' } });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    let started = Date.now();
    const seeded = await seedChat(server.url, total, 256);
    log(`seeded ${total} messages in ${Date.now() - started} ms`);
    const lastText = seededText(total);

    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 780 }, locale: 'en-US' });
    const session = JSON.stringify({ token: seeded.alice.token, userId: await userIdOf(server.url, seeded.alice.token) });
    await context.addInitScript(`if (!localStorage.getItem('tessera.session')) localStorage.setItem('tessera.session', ${JSON.stringify(session)});\n${firstRowScript}`);
    const page = await context.newPage();
    started = Date.now();
    await page.goto('/');
    // Warm the cache: the first sync stores every message; the chat row shows the newest.
    await page.locator('.chat-row-preview', { hasText: lastText }).waitFor({ timeout: 300_000 });
    await page.getByRole('heading', { name: 'Chats', exact: true }).waitFor({ timeout: 300_000 });
    log(`first sync of ${total} messages into IndexedDB: ${Date.now() - started} ms`);
    await page.evaluate('navigator.serviceWorker?.ready.then(() => true)');

    const paints: number[] = [];
    const opens: number[] = [];
    const histories: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      await page.goto('/chats');
      await page.waitForFunction('window.firstRowAt !== undefined');
      paints.push(await page.evaluate<number>('window.firstRowAt'));
      const opened = await page.evaluate<{ newest: number; all: number }>(openChatScript(lastText));
      opens.push(opened.newest);
      histories.push(opened.all);
    }
    log(`first paint (ms): ${paints.map((value) => round(value)).join(', ')}`);
    log(`open 10k chat, newest message painted (ms): ${opens.map((value) => round(value)).join(', ')}`);
    log(`open 10k chat, whole history in the list (ms): ${histories.map((value) => round(value)).join(', ')}`);

    const rendered = await page.locator('.virtual-row').count();
    const scroll = await page.evaluate<{ frames: number; p95: number; worst: number; rows: number }>(scrollScript);
    log(`rows in the DOM with ${total} messages: ${rendered} at the bottom, ${scroll.rows} at the top`);
    log(`scroll to the top: ${scroll.frames} frames, p95 ${round(scroll.p95, 1)} ms, worst ${round(scroll.worst, 1)} ms`);
    log(`RESULT web shell_js_gzip_kb=${round(shellKb, 1)} open_chat_10k_ms=${round(median(opens))} first_paint_ms=${round(median(paints))}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function userIdOf(baseUrl: string, token: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  return ((await response.json()) as { id: string }).id;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
