import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { elementPixels, FIXTURES, inLogic, simulatorForFile, viewFrame, waitForLog, type SimulatorSession } from './support/browser-harness';

/** A simulator on the fixture and the view frame of its page. */
interface Open {
  session: SimulatorSession;
  frame?: Frame;
}

/** At the browser's default device pixel ratio of 1, and at 2, where a CSS px is 2×2 canvas pixels. */
const plain: Open = { session: simulatorForFile(`${FIXTURES}canvas-export`) };
const sharp: Open = { session: simulatorForFile(`${FIXTURES}canvas-export`, '', { deviceScaleFactor: 2 }) };
const session = plain.session;
beforeAll(async () => {
  for (const open of [plain, sharp]) {
    await waitForLog(open.session.page, 'export page ready');
    open.frame = await viewFrame(open.session.page);
  }
});

const WHITE = [255, 255, 255, 255];
const RED = [255, 0, 0, 255];
const BLUE = [0, 0, 255, 255];
const GREEN = [0, 255, 0, 255];

/** Draws on the legacy canvas `poster`: red on its left half, blue on its right, green under y = 50; resolves in draw's callback. */
const DRAW_POSTER = `new Promise((resolve) => {
  const ctx = wx.createCanvasContext('poster');
  ctx.setFillStyle('#ff0000'); ctx.fillRect(0, 0, 100, 100);
  ctx.setFillStyle('#0000ff'); ctx.fillRect(100, 0, 100, 100);
  ctx.setFillStyle('#00ff00'); ctx.fillRect(0, 50, 200, 50);
  ctx.draw(false, () => resolve(true));
})`;

/** Pixels of the element `selector` on the page, read at CSS px points inside it. */
function seen(selector: string, points: Array<[number, number]>, where: Open = plain): Promise<number[][]> {
  return elementPixels(where.session.page, where.frame as Frame, selector, points);
}

/** Puts `path` in the page's `<image id="…">` and resolves with the image's natural size once it has loaded. */
async function shown(id: 'shot' | 'second', path: string, where: Open = plain): Promise<[number, number]> {
  await inLogic(where.session.page, `new Promise((resolve) => getCurrentPages()[0].setData({ ${id}: ${JSON.stringify(path)} }, () => resolve(true)))`);
  return (where.frame as Frame).evaluate(async ({ selector, expected }) => {
    const img = document.querySelector(selector) as HTMLImageElement;
    if (img.src !== expected) throw new Error(`the image shows ${img.src.slice(0, 40)}, not the exported file`);
    await img.decode();
    return [img.naturalWidth, img.naturalHeight] as [number, number];
  }, { selector: `#${id} img`, expected: path });
}

function pixelRatio(where: Open = plain): Promise<number> {
  return inLogic<number>(where.session.page, 'wx.getSystemInfoSync().pixelRatio');
}

describe('wx.canvasToTempFilePath', () => {
  it('exports a region of a legacy canvas at destWidth × destHeight, as a data: URL an <image> shows', async () => {
    await inLogic(session.page, DRAW_POSTER);
    const result = await inLogic<{ tempFilePath: string; errMsg: string }>(session.page, `wx.canvasToTempFilePath({ canvasId: 'poster', x: 50, y: 0, width: 100, height: 50, destWidth: 40, destHeight: 20 })`);
    expect(result.errMsg).toBe('canvasToTempFilePath:ok');
    expect(result.tempFilePath.startsWith('data:image/png;base64,')).toBe(true);
    expect(await shown('shot', result.tempFilePath)).toEqual([40, 20]);
    // The <image> is 40×20 CSS px: one exported pixel each. Red left of the middle, blue right of it, no green.
    expect(await seen('#shot', [[3, 3], [16, 16], [24, 3], [37, 16]])).toEqual([RED, RED, BLUE, BLUE]);
  });

  it('exports the whole canvas at the device pixel ratio by default, with success and complete callbacks', async () => {
    await inLogic(session.page, DRAW_POSTER);
    const outcome = await inLogic<{ success: { tempFilePath: string; errMsg: string }; complete: string }>(session.page, `new Promise((resolve) => {
      let success;
      wx.canvasToTempFilePath({
        canvasId: 'poster',
        success: (res) => { success = res; },
        complete: (res) => resolve({ success, complete: res.errMsg }),
      });
    })`);
    expect(outcome.success.errMsg).toBe('canvasToTempFilePath:ok');
    expect(outcome.complete).toBe('canvasToTempFilePath:ok');
    const ratio = await pixelRatio();
    expect(await shown('second', outcome.success.tempFilePath)).toEqual([Math.round(200 * ratio), Math.round(100 * ratio)]);
    // Scaled into the 40×20 <image>: red top left, blue top right, green along the bottom.
    expect(await seen('#second', [[5, 3], [35, 3], [20, 17]])).toEqual([RED, BLUE, GREEN]);
  });

  it('waits for a draw() made just before it, without waiting for draw’s callback', async () => {
    await inLogic(session.page, DRAW_POSTER);
    // The image makes this draw wait for the view to load it; the export must still come after it.
    const path = await inLogic<string>(session.page, `(() => {
      const ctx = wx.createCanvasContext('poster');
      ctx.drawImage('/images/halves.png', 0, 0, 200, 100);
      ctx.draw();
      return wx.canvasToTempFilePath({ canvasId: 'poster', destWidth: 40, destHeight: 20 }).then((res) => res.tempFilePath);
    })()`);
    await shown('shot', path);
    // halves.png is blue on its left half and green on its right.
    expect(await seen('#shot', [[5, 5], [35, 15]])).toEqual([BLUE, GREEN]);
  });

  it('encodes a jpg when fileType is jpg, smaller at a lower quality', async () => {
    await inLogic(session.page, `new Promise((resolve) => {
      const ctx = wx.createCanvasContext('poster');
      for (let i = 0; i < 200; i += 4) { ctx.setFillStyle(i % 8 ? '#336699' : '#ffcc00'); ctx.fillRect(i, 0, 4, 100); }
      ctx.draw(false, () => resolve(true));
    })`);
    const [best, low] = await inLogic<string[]>(session.page, `Promise.all([
      wx.canvasToTempFilePath({ canvasId: 'poster', fileType: 'jpg', quality: 1 }),
      wx.canvasToTempFilePath({ canvasId: 'poster', fileType: 'jpg', quality: 0.1 }),
    ]).then((results) => results.map((res) => res.tempFilePath))`);
    expect(best!.startsWith('data:image/jpeg;base64,')).toBe(true);
    expect(low!.startsWith('data:image/jpeg;base64,')).toBe(true);
    expect(low!.length).toBeLessThan(best!.length);
    const ratio = await pixelRatio();
    expect(await shown('shot', low!)).toEqual([Math.round(200 * ratio), Math.round(100 * ratio)]);
  });

  it('fails with a reason when the canvas-id is not on the page, in both calling styles', async () => {
    const rejected = await inLogic<{ errMsg: string }>(session.page, `wx.canvasToTempFilePath({ canvasId: 'nowhere' }).then(() => ({ errMsg: 'resolved' }), (error) => error)`);
    expect(rejected.errMsg).toBe('canvasToTempFilePath:fail no <canvas canvas-id="nowhere"> on this page');
    const failed = await inLogic<string[]>(session.page, `new Promise((resolve) => {
      const seen = [];
      wx.canvasToTempFilePath({ canvasId: 'nowhere', fail: (res) => seen.push(res.errMsg), complete: (res) => resolve([...seen, res.errMsg]) });
    })`);
    expect(failed).toEqual(['canvasToTempFilePath:fail no <canvas canvas-id="nowhere"> on this page', 'canvasToTempFilePath:fail no <canvas canvas-id="nowhere"> on this page']);
    const missing = await inLogic<{ errMsg: string }>(session.page, `wx.canvasToTempFilePath({}).then(() => ({ errMsg: 'resolved' }), (error) => error)`);
    expect(missing.errMsg).toMatch(/^canvasToTempFilePath:fail .*canvasId or canvas/);
  });

  it("exports a component's own canvas when given the component", async () => {
    await inLogic(session.page, `new Promise((resolve) => {
      const ctx = wx.createCanvasContext('poster', getCurrentPages()[0].selectComponent('#box'));
      ctx.setFillStyle('#0000ff');
      ctx.fillRect(0, 0, 100, 50);
      ctx.draw(false, () => resolve(true));
    })`);
    await inLogic(session.page, DRAW_POSTER);
    const path = await inLogic<string>(session.page, `wx.canvasToTempFilePath({ canvasId: 'poster', destWidth: 40, destHeight: 20 }, getCurrentPages()[0].selectComponent('#box')).then((res) => res.tempFilePath)`);
    expect(await shown('shot', path)).toEqual([40, 20]);
    // The component's canvas is all blue; the page's canvas of the same id has red, blue and green.
    expect(await seen('#shot', [[3, 3], [37, 17]])).toEqual([BLUE, BLUE]);
  });

  it('exports a type="2d" canvas node, measured in its own pixels and by default at its own size', async () => {
    const result = await inLogic<{ path: string; width: number }>(session.page, `new Promise((resolve) => {
      wx.createSelectorQuery().select('#chart').fields({ node: true, size: true }).exec(([found]) => {
        const canvas = found.node;
        canvas.width = 100;
        canvas.height = 50;
        const ctx = canvas.getContext('2d');
        ctx.fillStyle = '#00ff00'; ctx.fillRect(0, 0, 50, 50);
        ctx.fillStyle = '#ff0000'; ctx.fillRect(50, 0, 50, 50);
        wx.canvasToTempFilePath({ canvas, x: 25, width: 50, height: 50, destWidth: 40, destHeight: 20, success: (res) => resolve({ path: res.tempFilePath, width: canvas.width }) });
      });
    })`);
    expect(result.width).toBe(100);
    expect(await shown('shot', result.path)).toEqual([40, 20]);
    expect(await seen('#shot', [[3, 10], [37, 10]])).toEqual([GREEN, RED]);
    const whole = await inLogic<string>(session.page, `new Promise((resolve) => wx.createSelectorQuery().select('#chart').fields({ node: true }).exec(([found]) => wx.canvasToTempFilePath({ canvas: found.node }).then((res) => resolve(res.tempFilePath))))`);
    // By default the file has the node's own pixels, whatever the device's pixel ratio.
    expect(await shown('second', whole)).toEqual([100, 50]);
  });
});

describe('the exported file in the APIs that take temp files', () => {
  /** Uploads received by a loopback server: each request's body. */
  const uploads: Buffer[] = [];
  const server = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      uploads.push(Buffer.concat(parts));
      response.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' });
      response.end('stored');
    });
  });
  beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('uploads it with wx.uploadFile as a PNG file, as it uploads a chosen image', async () => {
    await inLogic(session.page, DRAW_POSTER);
    const port = (server.address() as AddressInfo).port;
    const result = await inLogic<{ data: string; statusCode: number }>(session.page, `wx.canvasToTempFilePath({ canvasId: 'poster', width: 10, height: 10, destWidth: 10, destHeight: 10 })
      .then(({ tempFilePath }) => wx.uploadFile({ url: 'http://127.0.0.1:${port}/poster', filePath: tempFilePath, name: 'poster' }))`);
    expect(result).toMatchObject({ data: 'stored', statusCode: 200 });
    const body = uploads.at(-1) as Buffer;
    expect(body.toString('latin1')).toMatch(/Content-Disposition: form-data; name="poster"; filename="[^"]*"\r\nContent-Type: image\/png/);
    expect(body.includes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  });

  it('previews it with wx.previewImage', async () => {
    const path = await inLogic<string>(session.page, `wx.canvasToTempFilePath({ canvasId: 'poster', destWidth: 40, destHeight: 20 }).then((res) => res.tempFilePath)`);
    await inLogic(session.page, `wx.previewImage({ urls: [${JSON.stringify(path)}] })`);
    const preview = session.page.locator('.tsr-preview');
    await expect.poll(() => preview.getAttribute('src')).toBe(path);
    expect(await preview.evaluate(async (img: HTMLImageElement) => (await img.decode(), [img.naturalWidth, img.naturalHeight]))).toEqual([40, 20]);
    await preview.click();
  });

  it('saves it with wx.saveImageToPhotosAlbum once the user allows scope.writePhotosAlbum (the simulator downloads it)', async () => {
    const path = await inLogic<string>(session.page, `wx.canvasToTempFilePath({ canvasId: 'poster', destWidth: 20, destHeight: 10 }).then((res) => res.tempFilePath)`);
    const save = (filePath: string): Promise<unknown> => inLogic(session.page, `wx.saveImageToPhotosAlbum({ filePath: ${JSON.stringify(filePath)} }).catch((error) => ({ failed: error.errMsg }))`);
    // Only temp files can be saved, not network images; nothing is asked.
    expect(await save('https://example.com/poster.png')).toEqual({ failed: expect.stringMatching(/^saveImageToPhotosAlbum:fail invalid file path/) });
    const denied = save(path);
    await session.page.locator('.tsr-modal button', { hasText: 'Deny' }).click();
    expect(await denied).toEqual({ failed: 'saveImageToPhotosAlbum:fail auth deny' });
    // The answer is remembered: refused at once, until the user turns it on in the settings.
    expect(await save(path)).toEqual({ failed: 'saveImageToPhotosAlbum:fail auth deny' });
    const settings = inLogic(session.page, 'wx.openSetting()');
    await session.page.locator('.tsr-modal button', { hasText: 'On' }).click();
    expect(await settings).toMatchObject({ authSetting: { 'scope.writePhotosAlbum': true } });
    const download = session.page.waitForEvent('download');
    expect(await save(path)).toEqual({ errMsg: 'saveImageToPhotosAlbum:ok' });
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^tessera-\d+\.png$/);
    const saved = await readFile(await file.path());
    expect(saved.equals(Buffer.from(path.slice(path.indexOf(',') + 1), 'base64'))).toBe(true);
  });
});

describe('wx.canvasGetImageData and wx.canvasPutImageData', () => {
  it('reads the colours a legacy canvas was drawn with, in CSS px', async () => {
    await inLogic(session.page, DRAW_POSTER);
    const result = await inLogic<{ width: number; height: number; length: number; typed: boolean; pixels: number[][]; errMsg: string }>(session.page, `wx.canvasGetImageData({ canvasId: 'poster', x: 98, y: 48, width: 4, height: 4 }).then((res) => ({
      width: res.width, height: res.height, length: res.data.length, typed: res.data instanceof Uint8ClampedArray, errMsg: res.errMsg,
      pixels: [0, 3, 12, 15].map((index) => Array.from(res.data.slice(index * 4, index * 4 + 4))),
    }))`);
    expect(result).toEqual({ width: 4, height: 4, length: 64, typed: true, errMsg: 'canvasGetImageData:ok', pixels: [RED, BLUE, GREEN, GREEN] });
  });

  it('puts pixels that getImageData reads back and the page shows', async () => {
    await inLogic(session.page, DRAW_POSTER);
    const read = await inLogic<{ put: string; back: number[] }>(session.page, `(async () => {
      const data = new Uint8ClampedArray(10 * 6 * 4);
      for (let i = 0; i < 60; i += 1) data.set(i % 10 < 5 ? [0, 0, 255, 255] : [255, 255, 255, 255], i * 4);
      const put = await wx.canvasPutImageData({ canvasId: 'poster', data, x: 20, y: 20, width: 10, height: 6 });
      const got = await wx.canvasGetImageData({ canvasId: 'poster', x: 20, y: 20, width: 10, height: 6 });
      return { put: put.errMsg, back: Array.from(got.data) };
    })()`);
    expect(read.put).toBe('canvasPutImageData:ok');
    const expected: number[] = [];
    for (let i = 0; i < 60; i += 1) expected.push(...(i % 10 < 5 ? BLUE : WHITE));
    expect(read.back).toEqual(expected);
    expect(await seen('#poster', [[22, 22], [27, 24], [10, 10]])).toEqual([BLUE, WHITE, RED]);
  });

  it('rejects data whose length does not match width × height, and a canvas-id not on the page', async () => {
    const wrong = await inLogic<{ errMsg: string }>(session.page, `wx.canvasPutImageData({ canvasId: 'poster', data: new Uint8ClampedArray(12), x: 0, y: 0, width: 2, height: 2 }).catch((error) => error)`);
    expect(wrong.errMsg).toMatch(/^canvasPutImageData:fail parameter error/);
    const missing = await inLogic<{ errMsg: string }>(session.page, `wx.canvasGetImageData({ canvasId: 'nowhere', x: 0, y: 0, width: 1, height: 1 }).catch((error) => error)`);
    expect(missing.errMsg).toBe('canvasGetImageData:fail no <canvas canvas-id="nowhere"> on this page');
  });
});

describe('at a device pixel ratio of 2', () => {
  it('reads, writes and exports a legacy canvas in CSS px, its output at twice the size by default', async () => {
    expect(await pixelRatio(sharp)).toBe(2);
    await inLogic(sharp.session.page, DRAW_POSTER);
    const pixels = await inLogic<number[][]>(sharp.session.page, `wx.canvasGetImageData({ canvasId: 'poster', x: 99, y: 49, width: 2, height: 2 }).then((res) => [0, 1, 2, 3].map((index) => Array.from(res.data.slice(index * 4, index * 4 + 4))))`);
    expect(pixels).toEqual([RED, BLUE, GREEN, GREEN]);
    const back = await inLogic<number[]>(sharp.session.page, `(async () => {
      const data = new Uint8ClampedArray(3 * 2 * 4);
      data.set([0, 0, 255, 255, 255, 255, 255, 255, 0, 255, 0, 255, 255, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 255]);
      await wx.canvasPutImageData({ canvasId: 'poster', data, x: 10, y: 10, width: 3, height: 2 });
      return Array.from((await wx.canvasGetImageData({ canvasId: 'poster', x: 10, y: 10, width: 3, height: 2 })).data);
    })()`);
    expect(back).toEqual([...BLUE, ...WHITE, ...GREEN, ...RED, 0, 0, 0, 255, ...WHITE]);
    // Each put pixel covers a whole CSS px: 2×2 canvas pixels, as the page shows it.
    expect(await seen('#poster', [[10.25, 10.25], [10.75, 10.75], [11.5, 10.5], [12.25, 10.75], [11.5, 11.5]], sharp)).toEqual([BLUE, BLUE, WHITE, GREEN, [0, 0, 0, 255]]);
    const region = await inLogic<string>(sharp.session.page, `wx.canvasToTempFilePath({ canvasId: 'poster', x: 50, y: 0, width: 100, height: 50 }).then((res) => res.tempFilePath)`);
    expect(await shown('shot', region, sharp)).toEqual([200, 100]);
    expect(await seen('#shot', [[5, 15], [35, 15]], sharp)).toEqual([RED, BLUE]);
  });

  it('exports a type="2d" node sized for the ratio at its own pixels, not the ratio applied twice', async () => {
    const path = await inLogic<string>(sharp.session.page, `new Promise((resolve) => {
      wx.createSelectorQuery().select('#chart').fields({ node: true, size: true }).exec(([found]) => {
        const canvas = found.node;
        const ratio = wx.getSystemInfoSync().pixelRatio;
        canvas.width = 60 * ratio;
        canvas.height = 30 * ratio;
        const ctx = canvas.getContext('2d');
        ctx.scale(ratio, ratio);
        ctx.fillStyle = '#ff0000'; ctx.fillRect(0, 0, 30, 30);
        ctx.fillStyle = '#0000ff'; ctx.fillRect(30, 0, 30, 30);
        wx.canvasToTempFilePath({ canvas }).then((res) => resolve(res.tempFilePath));
      });
    })`);
    expect(await shown('second', path, sharp)).toEqual([120, 60]);
  });
});
