import type { Frame } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { elementPixels, FIXTURES, inLogic, logs, simulatorForFile, viewFrame, waitForLog } from './support/browser-harness';

let frame: Frame;

const session = simulatorForFile(`${FIXTURES}canvas-2d`);
beforeAll(async () => {
  await waitForLog(session.page, '2d canvas page ready');
  frame = await viewFrame(session.page);
});

const WHITE = [255, 255, 255, 255];
const RED = [255, 0, 0, 255];
const BLUE = [0, 0, 255, 255];
const GREEN = [0, 255, 0, 255];

/**
 * Runs `body` in the logic layer with `canvas` (the `#stage` node, 100×50 pixels, cleared to white)
 * and its 2D context `ctx`; `body` calls `done(value)` to finish.
 */
function onStage<T>(body: string): Promise<T> {
  return inLogic<T>(session.page, `new Promise((done, fail) => {
    wx.createSelectorQuery().select('#stage').fields({ node: true }).exec(([found]) => {
      try {
        const canvas = found.node;
        canvas.width = 100;
        canvas.height = 50;
        const ctx = canvas.getContext('2d');
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(0, 0, 100, 50);
        ${body}
      } catch (error) {
        fail(error);
      }
    });
  })`);
}

/** Pixels of the element `selector` on the page, read at CSS px points inside it. */
function seen(selector: string, points: Array<[number, number]>): Promise<number[][]> {
  return elementPixels(session.page, frame, selector, points);
}

describe('canvas.createImage on a type="2d" canvas', () => {
  it('loads a package image, reports its size in onload, and drawImage paints it', async () => {
    // halves.png is 20×20 px: blue on its left half, green on its right.
    const size = await onStage<number[]>(`
      const image = canvas.createImage();
      image.onload = () => {
        ctx.drawImage(image, 0, 0, 100, 50);
        done([image.width, image.height, image.complete ? 1 : 0]);
      };
      image.onerror = (error) => fail(new Error(error.errMsg));
      image.src = '/images/halves.png';`);
    expect(size).toEqual([20, 20, 1]);
    await expect.poll(() => seen('#stage', [[10, 25], [90, 25]])).toEqual([BLUE, GREEN]);
  });

  it('resolves a relative src against the page, as <image src> does, and tells load listeners', async () => {
    await onStage(`
      const image = canvas.createImage();
      image.addEventListener('load', () => {
        ctx.drawImage(image, 10, 0, 10, 20, 0, 0, 50, 50);
        done(true);
      });
      image.src = '../../images/halves.png';`);
    await expect.poll(() => seen('#stage', [[25, 25], [75, 25]])).toEqual([GREEN, WHITE]);
  });

  it('calls onerror for an image that does not load, and drawing it paints nothing', async () => {
    const outcome = await onStage<{ message: string; drawn: boolean }>(`
      const image = canvas.createImage();
      image.onload = () => fail(new Error('a missing image loaded'));
      image.onerror = (error) => {
        ctx.drawImage(image, 0, 0, 100, 50);
        ctx.fillStyle = '#ff0000';
        ctx.fillRect(60, 0, 40, 50);
        done({ message: error.errMsg, drawn: true });
      };
      image.src = '/images/missing.png';`);
    expect(outcome.drawn).toBe(true);
    expect(outcome.message).toContain('/images/missing.png');
    await expect.poll(() => seen('#stage', [[20, 25], [80, 25]])).toEqual([WHITE, RED]);
  });

  it('logs a failed image nobody listens for', async () => {
    await onStage(`canvas.createImage().src = '/images/unheard.png'; done(true);`);
    await expect.poll(async () => (await logs(session.page)).some((line) => line.includes('createImage') && line.includes('/images/unheard.png'))).toBe(true);
  });

  it('loads data: URLs (temp files) and fills with a pattern of one', async () => {
    // The temp file is the canvas's own drawing: red on the left 50 px, blue on the right.
    const sizes = await onStage<number[]>(`
      ctx.fillStyle = '#ff0000'; ctx.fillRect(0, 0, 50, 50);
      ctx.fillStyle = '#0000ff'; ctx.fillRect(50, 0, 50, 50);
      wx.canvasToTempFilePath({ canvas, destWidth: 100, destHeight: 50 }).then(({ tempFilePath }) => {
        const image = canvas.createImage();
        image.onload = () => {
          ctx.fillStyle = '#ffffff';
          ctx.fillRect(0, 0, 100, 50);
          // Drawn mirrored: blue comes out on the left.
          ctx.save(); ctx.translate(100, 0); ctx.scale(-1, 1); ctx.drawImage(image, 0, 0); ctx.restore();
          const pattern = ctx.createPattern(image, 'repeat');
          ctx.fillStyle = pattern;
          ctx.fillRect(0, 40, 100, 10);
          done([image.width, image.height, tempFilePath.startsWith('data:image/png;base64,') ? 1 : 0]);
        };
        image.onerror = (error) => fail(new Error(error.errMsg));
        image.src = tempFilePath;
      }, (error) => fail(new Error(error.errMsg)));`);
    expect(sizes).toEqual([100, 50, 1]);
    await expect.poll(() => seen('#stage', [[20, 20], [80, 20], [20, 45], [80, 45]])).toEqual([BLUE, RED, RED, BLUE]);
  });
});

describe('the rest of the Canvas node', () => {
  it('runs requestAnimationFrame callbacks with a timestamp, and cancelAnimationFrame stops one', async () => {
    const outcome = await onStage<{ time: string; cancelled: boolean }>(`
      let cancelled = true;
      const id = canvas.requestAnimationFrame(() => { cancelled = false; });
      canvas.cancelAnimationFrame(id);
      canvas.requestAnimationFrame((time) => {
        ctx.fillStyle = '#00ff00';
        ctx.fillRect(0, 0, 100, 50);
        canvas.requestAnimationFrame(() => done({ time: typeof time, cancelled }));
      });`);
    expect(outcome).toEqual({ time: 'number', cancelled: true });
    await expect.poll(() => seen('#stage', [[50, 25]])).toEqual([GREEN]);
  });

  it('creates ImageData the context puts on the canvas', async () => {
    const read = await onStage<{ size: number[]; empty: boolean; back: number[] }>(`
      const data = canvas.createImageData(2, 1);
      const empty = data.data.every((value) => value === 0);
      data.data.set([0, 0, 255, 255, 0, 255, 0, 255]);
      ctx.putImageData(data, 4, 4);
      const copy = canvas.createImageData(data);
      done({ size: [data.width, data.height, copy.width, copy.height], empty, back: Array.from(ctx.getImageData(4, 4, 2, 1).data) });`);
    expect(read).toEqual({ size: [2, 1, 2, 1], empty: true, back: [...BLUE, ...GREEN] });
  });

  it('toDataURL answers at once with a PNG of the canvas that an <image> shows', async () => {
    const url = await onStage<string>(`
      ctx.fillStyle = '#00ff00'; ctx.fillRect(0, 0, 100, 25);
      ctx.fillStyle = '#0000ff'; ctx.fillRect(0, 25, 100, 25);
      done(canvas.toDataURL());`);
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    await inLogic(session.page, `new Promise((resolve) => getCurrentPages()[0].setData({ shot: ${JSON.stringify(url)} }, () => resolve(true)))`);
    const natural = await frame.evaluate(async () => {
      const img = document.querySelector('#shot img') as HTMLImageElement;
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    });
    expect(natural).toEqual([100, 50]);
    expect(await seen('#shot', [[50, 10], [50, 40]])).toEqual([GREEN, BLUE]);
  });

  it("gives each page's canvas node its own canvas, though both pages' views number them alike", async () => {
    await inLogic(session.page, `new Promise((resolve) => wx.createSelectorQuery().select('#stage').fields({ node: true }).exec(([found]) => { globalThis.__firstStage = found.node; resolve(true); }))`);
    await inLogic(session.page, `wx.navigateTo({ url: '/pages/second/second' })`);
    await waitForLog(session.page, 'second 2d canvas page ready');
    const second = await inLogic<boolean>(session.page, `new Promise((resolve) => wx.createSelectorQuery().select('#stage').fields({ node: true }).exec(([found]) => resolve(found.node !== globalThis.__firstStage)))`);
    expect(second).toBe(true);
    await inLogic(session.page, `wx.navigateBack()`);
    await session.page.waitForFunction(() => (window as unknown as { __simulator: { host: { pages(): unknown[] } } }).__simulator.host.pages().length === 1);
    const first = await inLogic<boolean>(session.page, `new Promise((resolve) => wx.createSelectorQuery().select('#stage').fields({ node: true }).exec(([found]) => resolve(found.node === globalThis.__firstStage)))`);
    expect(first).toBe(true);
  });
});
