/**
 * Mini-program runtime benchmark, in headless Chromium (Debian's /usr/bin/chromium):
 *  - cold start: from starting the runtime to the first page of a five-page example painted
 *    (its onReady fires right after that first render), in a fresh tab with nothing prewarmed,
 *    in a browser no automation client is attached to (see unattached-browser.ts), and again
 *    in the Playwright-driven browser the other figures use;
 *  - warm start: the same in a fresh tab whose sandbox was prewarmed before the launch (as an
 *    app list does while the user chooses), timed from the same point;
 *  - navigation: in a fresh tab of the same browser, from a page's wx.navigateTo to the next page
 *    painted;
 *  - the sandbox floor: in a fresh tab of the same browser, how long an empty frame sandboxed as
 *    the runtime's are takes to run its first script (no runtime, no package), the part of a cold
 *    start no runtime code can shorten;
 *  - setData creating 1,000 rows, updating every 10th row, clearing: each from the setData call
 *    in the logic Worker to the painted frame in the view;
 *  - the same three operations written by hand against the DOM in the same browser, for scale,
 *    in a plain page and in a frame sandboxed as the runtime's views are.
 * Prints one figure per line and ends with a RESULT line.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { startDevServer } from '../../packages/miniprogram/src/simulator/dev-server';
import { createRows, vanillaPage, workerRounds } from './rows-workload';
import { startUnattachedBrowser } from './unattached-browser';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const START_RUNS = Number(process.env.BENCH_START_RUNS ?? 11);
const ROW_RUNS = Number(process.env.BENCH_ROW_RUNS ?? 41);
const WARMUP = 2;
/** Rounds each of the three row runs does before the next takes its turn. */
const ROW_BLOCK = 14;

interface Simulator {
  __simulator: { ready: Promise<void>; startedAt: number; host: { pages(): Array<{ pageId: number }> } };
}

interface ViewGlobals {
  __tesseraView?: { firstPaintAt: number };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => (globalThis as unknown as Simulator).__simulator?.ready !== undefined);
  await page.evaluate(() => (globalThis as unknown as Simulator).__simulator.ready);
}

async function viewFrameOf(page: Page) {
  const handle = await page.waitForSelector('.tsr-pages > iframe:not([data-hidden])');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('no view frame');
  return frame;
}

/** From the simulator's start of the current launch to the first page painted. */
async function startTime(page: Page): Promise<number> {
  const frame = await viewFrameOf(page);
  await frame.waitForFunction(() => ((globalThis as unknown as ViewGlobals).__tesseraView?.firstPaintAt ?? 0) > 0);
  const painted = await frame.evaluate(() => (globalThis as unknown as Required<ViewGlobals>).__tesseraView.firstPaintAt);
  const started = await page.evaluate(() => (globalThis as unknown as Simulator).__simulator.startedAt);
  return painted - started;
}

/**
 * A page whose first script makes one empty frame sandboxed as the runtime's are (`allow-scripts`,
 * opaque origin) and records the ms until the frame's own first script has run: what any launch
 * in a fresh tab waits for before a line of the runtime runs, whatever the runtime does.
 */
const SANDBOX_FLOOR_PAGE = `<!doctype html><html><head><meta charset="utf-8"></head><body><script>
var start = performance.now();
addEventListener('message', function () { window.sandboxFloor = performance.now() - start; });
var frame = document.createElement('iframe');
frame.setAttribute('sandbox', 'allow-scripts');
frame.srcdoc = '<script>parent.postMessage(1, "*")<\\/script>';
document.body.appendChild(frame);
</script></body></html>`;

/** Serves SANDBOX_FLOOR_PAGE on localhost; returns its URL and a close function. */
async function serveSandboxFloor(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(SANDBOX_FLOOR_PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Read in each frame of the nav-app's tab: in the article page's view, once painted, the ms from
 * the list page's wx.navigateTo call (its time is in the query) to that first paint.
 */
const NAVIGATED = `(() => {
  const view = globalThis.__tesseraView;
  const page = globalThis.__tesseraPage;
  if (!view || !page || page.path !== 'pages/article/article' || !(view.firstPaintAt > 0)) return NaN;
  return view.firstPaintAt - Number(view.pageData().t);
})()`;

/** One launch in a fresh tab: `?prewarm=0` with nothing prepared, `?prewarm=ready` after the sandbox is warm. */
async function launchTime(context: BrowserContext, url: string, prewarm: '0' | 'ready'): Promise<number> {
  const page = await context.newPage();
  try {
    await openApp(page, `${url}?prewarm=${prewarm}`);
    return await startTime(page);
  } finally {
    await page.close();
  }
}

type RowTimes = Record<'create' | 'update' | 'clear', number[]>;
const OPERATIONS = ['create', 'update', 'clear'] as const;

interface Render {
  seq: number;
  receivedAt: number;
  patchedAt: number;
  paintedAt: number;
}

/**
 * Makes the view keep every render record it makes (`lastRender` is replaced per render, and its
 * `paintedAt` filled in once painted), so the rounds can be read after they ran instead of the
 * view being polled while they run: polling on animation frames keeps the frame's compositor on
 * the frame clock, and each update then waits for the next tick instead of being painted at once.
 */
const RECORD_RENDERS = `(() => {
  const view = globalThis.__tesseraView;
  let last = view.lastRender;
  globalThis.__benchRenders = [];
  Object.defineProperty(view, 'lastRender', { configurable: true, get: () => last, set: (render) => { last = render; globalThis.__benchRenders.push(render); } });
})()`;

/** Runs `rounds` rounds in the logic Worker, untouched meanwhile; returns each operation's times from the setData call to the painted frame. */
async function miniRounds(page: Page, rounds: number): Promise<RowTimes> {
  const frame = await viewFrameOf(page);
  await frame.evaluate(RECORD_RENDERS);
  const worker = page.workers().at(-1);
  if (!worker) throw new Error('no logic worker');
  const starts = (await worker.evaluate(workerRounds(rounds))) as number[];
  const renders = (await frame.evaluate('globalThis.__benchRenders')) as Render[];
  if (renders.length !== starts.length || renders.some((render) => !(render.paintedAt > 0))) {
    throw new Error(`expected ${starts.length} painted renders, the view recorded ${renders.length}`);
  }
  const times: RowTimes = { create: [], update: [], clear: [] };
  starts.forEach((started, index) => {
    const render = renders[index] as Render;
    const operation = OPERATIONS[index % 3] as (typeof OPERATIONS)[number];
    times[operation].push(render.paintedAt - started);
    if (process.env.BENCH_DETAIL) console.log(`  ${operation.padEnd(6)} received after ${(render.receivedAt - started).toFixed(1)} ms, patched after ${(render.patchedAt - started).toFixed(1)} ms, painted after ${(render.paintedAt - started).toFixed(1)} ms`);
  });
  return times;
}

/** The hand-written page's rounds, in a page or a frame. */
async function handWrittenRounds(target: Page | Frame, rounds: number): Promise<RowTimes> {
  return (await target.evaluate(`window.vanillaRounds(${JSON.stringify(createRows(1000))}, ${rounds})`)) as RowTimes;
}

/**
 * Puts `html` in a frame of `page` sandboxed as the runtime's view frames are (`allow-scripts`,
 * opaque origin) and the size of the simulator's default phone screen.
 */
async function sandboxedFrame(page: Page, html: string): Promise<Frame> {
  await page.setContent('<body style="margin:0"></body>');
  await page.evaluate(`(() => {
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.style.cssText = 'width:375px;height:667px;border:0;display:block';
    frame.srcdoc = ${JSON.stringify(html)};
    document.body.appendChild(frame);
  })()`);
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  if (!frame) throw new Error('no sandboxed frame');
  await frame.waitForFunction('typeof window.vanillaClear === "function"');
  return frame;
}

async function main(): Promise<void> {
  const five = await startDevServer({ dir: new URL('../../miniprograms/examples/todo/', import.meta.url).pathname, watch: false });
  const rows = await startDevServer({ dir: new URL('./rows-app/', import.meta.url).pathname, watch: false });
  const articles = await startDevServer({ dir: new URL('./nav-app/', import.meta.url).pathname, watch: false });
  const floorPage = await serveSandboxFloor();
  const unattached = await startUnattachedBrowser(CHROMIUM, ARGS);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    // Cold and warm launches alternate, so both see the same load from the rest of the machine.
    const cold: number[] = [];
    const warm: number[] = [];
    const floor: number[] = [];
    const navigate: number[] = [];
    for (let run = 0; run < START_RUNS + 1; run++) {
      const coldTime = await unattached.launchTime(`${five.url}?prewarm=0`);
      const warmTime = await unattached.launchTime(`${five.url}?prewarm=ready`);
      const floorTime = await unattached.valueIn(floorPage.url, 'window.sandboxFloor ?? NaN');
      const navigateTime = await unattached.valueInFrames(articles.url, NAVIGATED);
      if (run === 0) continue;
      cold.push(coldTime);
      warm.push(warmTime);
      floor.push(floorTime);
      navigate.push(navigateTime);
    }
    await unattached.close();
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const coldAttached: number[] = [];
    const warmAttached: number[] = [];
    for (let run = 0; run < START_RUNS + 1; run++) {
      const coldTime = await launchTime(context, five.url, '0');
      const warmTime = await launchTime(context, five.url, 'ready');
      if (run === 0) continue;
      coldAttached.push(coldTime);
      warmAttached.push(warmTime);
    }
    const runs = (values: number[]): string => `median of ${START_RUNS}: ${median(values).toFixed(1)} ms  [${values.map((value) => value.toFixed(0)).join(', ')}]`;
    console.log(`cold start (five-page todo example, nothing prewarmed), ${runs(cold)}`);
    console.log(`warm start (same, sandbox prewarmed before launch), ${runs(warm)}`);
    console.log(`sandbox floor (fresh tab: an empty sandboxed frame's first script, no runtime at all), ${runs(floor)}`);
    console.log(`navigate (wx.navigateTo to the next page painted), ${runs(navigate)}`);
    console.log(`cold start with Playwright attached (each new frame process and Worker waits for it), ${runs(coldAttached)}`);
    console.log(`warm start with Playwright attached, ${runs(warmAttached)}`);

    // The mini program, the hand-written page, and the hand-written page inside a frame
    // sandboxed as the runtime's views are (its own renderer process, to show what the sandbox
    // alone costs) take turns, a block of rounds each, so all three meet the same machine load.
    const page = await context.newPage();
    await openApp(page, rows.url);
    const plain = await context.newPage();
    await plain.setContent(vanillaPage());
    const framed = await context.newPage();
    const inFrame = await sandboxedFrame(framed, vanillaPage());
    const mini: RowTimes = { create: [], update: [], clear: [] };
    const vanilla: RowTimes = { create: [], update: [], clear: [] };
    const sandboxed: RowTimes = { create: [], update: [], clear: [] };
    const keep = (into: RowTimes, times: RowTimes, skip: number): void => {
      for (const operation of OPERATIONS) into[operation].push(...times[operation].slice(skip));
    };
    for (let done = 0; done < ROW_RUNS; done += ROW_BLOCK) {
      const rounds = Math.min(ROW_BLOCK, ROW_RUNS - done);
      // Only the tab in front paints at the frame rate. Each block starts with warm-up rounds.
      await page.bringToFront();
      keep(mini, await miniRounds(page, rounds + WARMUP), WARMUP);
      await plain.bringToFront();
      keep(vanilla, await handWrittenRounds(plain, rounds + WARMUP), WARMUP);
      await framed.bringToFront();
      keep(sandboxed, await handWrittenRounds(inFrame, rounds + WARMUP), WARMUP);
    }
    const figures = {
      cold_start_ms: median(cold),
      warm_start_ms: median(warm),
      sandbox_floor_ms: median(floor),
      navigate_ms: median(navigate),
      cold_start_attached_ms: median(coldAttached),
      warm_start_attached_ms: median(warmAttached),
      create_1000_ms: median(mini.create),
      update_10th_ms: median(mini.update),
      clear_ms: median(mini.clear),
      vanilla_create_1000_ms: median(vanilla.create),
      vanilla_update_10th_ms: median(vanilla.update),
      vanilla_clear_ms: median(vanilla.clear),
      vanilla_sandboxed_create_1000_ms: median(sandboxed.create),
      vanilla_sandboxed_update_10th_ms: median(sandboxed.update),
      vanilla_sandboxed_clear_ms: median(sandboxed.clear),
    };
    for (const operation of OPERATIONS) {
      const ours = median(mini[operation]);
      const theirs = median(vanilla[operation]);
      const framedTheirs = median(sandboxed[operation]);
      console.log(`${operation.padEnd(6)} mini program ${ours.toFixed(1)} ms, hand-written DOM ${theirs.toFixed(1)} ms, ratio ${(ours / theirs).toFixed(2)}; hand-written in a sandboxed frame ${framedTheirs.toFixed(1)} ms, ratio ${(ours / framedTheirs).toFixed(2)}`);
    }
    console.log(`RESULT miniprogram ${Object.entries(figures).map(([name, value]) => `${name}=${value.toFixed(1)}`).join(' ')}`);
  } finally {
    await unattached.close();
    await floorPage.close();
    await five.close();
    await rows.close();
    await articles.close();
    await browser.close();
  }
}

await main();
