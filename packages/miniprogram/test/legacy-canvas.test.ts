import type { Frame } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { elementPixels, FIXTURES, inLogic, logs, screenshotPixels, simulatorForFile, viewFrame, waitForLog } from './support/browser-harness';

let frame: Frame;

const session = simulatorForFile(`${FIXTURES}legacy-canvas`);
beforeAll(async () => {
  await waitForLog(session.page, 'canvas page ready');
  frame = await viewFrame(session.page);
});

const WHITE = [255, 255, 255, 255];
const RED = [255, 0, 0, 255];
const BLUE = [0, 0, 255, 255];
const GREEN = [0, 255, 0, 255];

/**
 * Records `calls` on a CanvasContext (`ctx`) for the canvas `canvasId` and draws them, resolving
 * when draw's callback runs. `component` is an expression giving the component instance, if any.
 */
function drawn(calls: string, options: { canvasId?: string; reserve?: boolean; component?: string } = {}): Promise<unknown> {
  const component = options.component ? `, ${options.component}` : '';
  return inLogic(session.page, `new Promise((resolve) => {
    const ctx = wx.createCanvasContext(${JSON.stringify(options.canvasId ?? 'board')}${component});
    ${calls}
    ctx.draw(${options.reserve ? 'true' : 'false'}, () => resolve(true));
  })`);
}

/** Pixels of the element `selector` on the page, read at CSS px points inside it. */
function seen(selector: string, points: Array<[number, number]>): Promise<number[][]> {
  return elementPixels(session.page, frame, selector, points);
}

/** How many pixels inside the CSS px box (x, y, width, height) of the element are not white. */
async function inkIn(selector: string, x: number, y: number, width: number, height: number): Promise<number> {
  const points: Array<[number, number]> = [];
  for (let px = x; px < x + width; px += 1) for (let py = y; py < y + height; py += 1) points.push([px, py]);
  const pixels = await seen(selector, points);
  return pixels.filter((pixel) => pixel.join() !== WHITE.join()).length;
}

describe('wx.createCanvasContext (the legacy canvas API)', () => {
  it('fills a rectangle in the colour set, through setFillStyle and the fillStyle property', async () => {
    await drawn(`ctx.setFillStyle('#ff0000'); ctx.fillRect(10, 10, 50, 40); ctx.fillStyle = 'rgb(0, 0, 255)'; ctx.fillRect(100, 10, 50, 40);`);
    await expect.poll(() => seen('#board', [[35, 30], [125, 30], [80, 30], [35, 80]])).toEqual([RED, BLUE, WHITE, WHITE]);
  });

  it('strokes an arc: its rim is drawn and its middle left blank', async () => {
    await drawn(`ctx.setStrokeStyle('#0000ff'); ctx.setLineWidth(6); ctx.beginPath(); ctx.arc(100, 50, 40, 0, 2 * Math.PI); ctx.stroke();`);
    await expect.poll(() => seen('#board', [[140, 50], [60, 50], [100, 90], [100, 50]])).toEqual([BLUE, BLUE, BLUE, WHITE]);
  });

  it('draws text where fillText puts it', async () => {
    await drawn(`ctx.setFillStyle('#000000'); ctx.setFontSize(30); ctx.setTextBaseline('top'); ctx.fillText('WWW', 10, 10);`);
    await expect.poll(() => inkIn('#board', 10, 10, 60, 30)).toBeGreaterThan(40);
    expect(await inkIn('#board', 120, 50, 60, 40)).toBe(0);
  });

  it('paints a linear gradient whose two ends differ, and a circular one from its centre out', async () => {
    await drawn(`const linear = ctx.createLinearGradient(0, 0, 200, 0);
      linear.addColorStop(0, '#ff0000');
      linear.addColorStop(1, '#0000ff');
      ctx.setFillStyle(linear);
      ctx.fillRect(0, 0, 200, 40);
      const circular = ctx.createCircularGradient(100, 70, 30);
      circular.addColorStop(0, '#00ff00');
      circular.addColorStop(1, '#ff0000');
      ctx.fillStyle = circular;
      ctx.fillRect(70, 40, 60, 60);`);
    await expect.poll(async () => {
      const [left, right, centre, edge] = await seen('#board', [[2, 20], [197, 20], [100, 70], [100, 99]]);
      return [(left as number[])[0]! > 200 && (left as number[])[2]! < 50, (right as number[])[2]! > 200 && (right as number[])[0]! < 50, (centre as number[])[1]! > 200, (edge as number[])[0]! > 200];
    }).toEqual([true, true, true, true]);
  });

  it('draw(true) keeps the earlier drawing and draw() clears it first', async () => {
    await drawn(`ctx.setFillStyle('#ff0000'); ctx.fillRect(0, 0, 50, 50);`);
    await drawn(`ctx.setFillStyle('#0000ff'); ctx.fillRect(100, 0, 50, 50);`, { reserve: true });
    await expect.poll(() => seen('#board', [[25, 25], [125, 25]])).toEqual([RED, BLUE]);
    // Each draw starts from the default state, as in WeChat: the fill is black again.
    await drawn(`ctx.fillRect(50, 50, 50, 50);`, { reserve: true });
    await expect.poll(() => seen('#board', [[25, 25], [125, 25], [75, 75]])).toEqual([RED, BLUE, [0, 0, 0, 255]]);
    await drawn(`ctx.setFillStyle('#00ff00'); ctx.fillRect(100, 50, 50, 50);`);
    await expect.poll(() => seen('#board', [[25, 25], [125, 25], [75, 75], [125, 75]])).toEqual([WHITE, WHITE, WHITE, GREEN]);
  });

  it('runs the draw callback once the pixels are on the canvas', async () => {
    const inCallback = await inLogic<number[]>(session.page, `new Promise((resolve) => {
      const ctx = wx.createCanvasContext('board');
      ctx.setFillStyle('#0000ff');
      ctx.fillRect(0, 0, 200, 100);
      let called = false;
      ctx.draw(false, () => {
        called = true;
        // The canvas the view shows, as the logic layer holds it: already painted when the callback runs.
        wx.createSelectorQuery().select('#board').fields({ node: true }).exec(([found]) => {
          resolve(Array.from(found.node.getContext('2d').getImageData(found.node.width / 2, found.node.height / 2, 1, 1).data));
        });
      });
      if (called) resolve([]);
    })`);
    expect(inCallback).toEqual(BLUE);
    expect(await seen('#board', [[100, 50]])).toEqual([BLUE]);
  });

  it('draws an image from the package at a position, in the 3, 5 and 9 argument forms', async () => {
    // halves.png is 20×20 px: blue on its left half, green on its right.
    await drawn(`ctx.drawImage('/images/halves.png', 10, 10);
      ctx.drawImage('../../images/halves.png', 60, 10, 80, 40);
      ctx.drawImage('/images/halves.png', 10, 0, 10, 20, 160, 60, 30, 30);`);
    await expect.poll(() => seen('#board', [[12, 20], [27, 20], [5, 5], [70, 30], [130, 30], [175, 75], [150, 75]])).toEqual([BLUE, GREEN, WHITE, BLUE, GREEN, GREEN, WHITE]);
  });

  it('keeps drawing when an image fails to load, and reports it to the console', async () => {
    await drawn(`ctx.drawImage('/images/missing.png', 0, 0, 50, 50); ctx.setFillStyle('#ff0000'); ctx.fillRect(100, 20, 40, 40);`);
    await expect.poll(() => seen('#board', [[120, 40]])).toEqual([RED]);
    expect((await logs(session.page)).some((line) => line.includes('drawImage') && line.includes('/images/missing.png'))).toBe(true);
  });

  it("finds a component's own canvas through the component instance", async () => {
    await drawn(`ctx.setFillStyle('#ffffff'); ctx.fillRect(0, 0, 200, 100);`);
    // The component's canvas has the page's canvas-id too: only the instance tells them apart.
    await drawn(`ctx.setFillStyle('#00ff00'); ctx.fillRect(0, 0, 100, 50);`, { component: `getCurrentPages()[0].selectComponent('#box')` });
    await expect.poll(() => seen('#inner', [[50, 25], [95, 45]])).toEqual([GREEN, GREEN]);
    expect(await seen('#board', [[50, 25]])).toEqual([WHITE]);
  });

  it("does not reach into a component's canvases from the page, nor into the page's from a component", async () => {
    await inLogic(session.page, `wx.createCanvasContext('inside').draw()`);
    await waitForLog(session.page, 'no <canvas canvas-id="inside"> on this page');
    await inLogic(session.page, `wx.createCanvasContext('plain', getCurrentPages()[0].selectComponent('#box')).draw()`);
    await waitForLog(session.page, 'no <canvas canvas-id="plain"> in this component');
    await drawn(`ctx.setFillStyle('#0000ff'); ctx.fillRect(0, 0, 100, 50);`, { canvasId: 'inside', component: `getCurrentPages()[0].selectComponent('#box')` });
    await expect.poll(() => seen('#inside', [[50, 25]])).toEqual([BLUE]);
  });

  it('measureText answers at once, wider for longer text and a larger font', async () => {
    const widths = await inLogic<number[]>(session.page, `(() => {
      const ctx = wx.createCanvasContext('board');
      ctx.setFontSize(16);
      const short = ctx.measureText('ab').width;
      const long = ctx.measureText('abababab').width;
      ctx.font = '32px sans-serif';
      const larger = ctx.measureText('ab').width;
      // A draw starts again from the default font (10px), in what it paints and in what measureText answers.
      ctx.draw();
      return [short, long, larger, ctx.measureText('ab').width];
    })()`);
    const [short, long, larger, afterDraw] = widths as [number, number, number, number];
    expect(short).toBeGreaterThan(0);
    expect(long).toBeGreaterThan(short * 3);
    expect(larger).toBeGreaterThan(short * 1.5);
    expect(afterDraw).toBeLessThan(short);
  });

  it('draws on the page the context was made for, even once another page with the same canvas-id is on top', async () => {
    await drawn(`ctx.setFillStyle('#ffffff'); ctx.fillRect(0, 0, 200, 100);`);
    await inLogic(session.page, `globalThis.__boardContext = wx.createCanvasContext('board')`);
    await inLogic(session.page, `wx.navigateTo({ url: '/pages/second/second' })`);
    await waitForLog(session.page, 'second canvas page ready');
    const second = await viewFrame(session.page);
    await inLogic(session.page, `new Promise((resolve) => {
      const ctx = globalThis.__boardContext;
      ctx.setFillStyle('#ff0000');
      ctx.fillRect(0, 0, 200, 100);
      ctx.draw(false, () => resolve(true));
    })`);
    // The page on top is untouched: its canvas was never even handed to the logic layer.
    const shot = await second.locator('#board').screenshot();
    expect(await screenshotPixels(session.page, shot, [[10, 10]])).toEqual([WHITE]);
    await inLogic(session.page, `wx.navigateBack()`);
    await expect.poll(() => seen('#board', [[100, 50]])).toEqual([RED]);
  });

  it('draws nothing for a page that has closed, and draws after it still run', async () => {
    await inLogic(session.page, `wx.navigateTo({ url: '/pages/second/second' })`);
    await waitForLog(session.page, 'second canvas page ready');
    await inLogic(session.page, `globalThis.__closedContext = wx.createCanvasContext('board')`);
    await inLogic(session.page, `wx.navigateBack()`);
    await session.page.waitForFunction(() => (window as unknown as { __simulator: { host: { pages(): unknown[] } } }).__simulator.host.pages().length === 1);
    const reported = (await logs(session.page)).length;
    await inLogic(session.page, `(() => { const ctx = globalThis.__closedContext; ctx.setFillStyle('#0000ff'); ctx.fillRect(0, 0, 200, 100); ctx.draw(); })()`);
    await expect.poll(async () => (await logs(session.page)).slice(reported).some((line) => line.includes('no <canvas canvas-id="board"> on this page'))).toBe(true);
    // The same canvas-id on the page still open draws as before: nothing waits on the closed page.
    await drawn(`ctx.setFillStyle('#00ff00'); ctx.fillRect(0, 0, 200, 100);`);
    await expect.poll(() => seen('#board', [[100, 50]])).toEqual([GREEN]);
  });

  it('draws in CSS px on a canvas of the default 300×150, at the device pixel ratio', async () => {
    await drawn(`ctx.setFillStyle('#ff0000'); ctx.fillRect(290, 140, 10, 10);`, { canvasId: 'plain' });
    await expect.poll(() => seen('#plain', [[295, 145], [285, 135]])).toEqual([RED, WHITE]);
    const sizes = await inLogic<number[]>(session.page, `new Promise((resolve) => wx.createSelectorQuery().select('#plain').fields({ node: true }).exec(([found]) => resolve([found.node.width, found.node.height, wx.getSystemInfoSync().pixelRatio])))`);
    const [width, height, ratio] = sizes as [number, number, number];
    expect([width, height]).toEqual([Math.round(300 * ratio), Math.round(150 * ratio)]);
  });
});
