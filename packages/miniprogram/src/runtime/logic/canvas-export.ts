import { ApiFailure, type CallbackOptions } from './api-style';
import { canvasPlace, findLegacyCanvas, nextFrame, queueOnCanvas, type CanvasTarget, type LegacyCanvas } from './canvas-draw';
import type { QueryTransport } from './selector-query';

/** Where a legacy canvas is looked for: the page (or component) a call is made for. */
export interface CanvasLookup {
  query: QueryTransport;
  scope: number;
  pixelRatio(): number;
}

/**
 * wx.canvasToTempFilePath: the region (x, y, width, height) of a canvas, scaled to destWidth ×
 * destHeight and encoded as PNG or JPEG, returned as a `data:` URL, the form of every temp file
 * the runtime hands out. A legacy canvas (`canvasId`) is measured in CSS px, as its context draws,
 * and is exported once the draws asked for before are on it; a `type="2d"` canvas (`canvas`) is
 * measured in its own pixels (its width and height). The output defaults to the region's size at
 * the device's pixel ratio for a legacy canvas, as in WeChat, and to the region's own pixels for a
 * 2D node.
 */
export async function canvasToTempFilePath(options: CallbackOptions, lookup: CanvasLookup): Promise<{ tempFilePath: string }> {
  const name = 'canvasToTempFilePath';
  const ratio = lookup.pixelRatio();
  const encoding = { type: options.fileType === 'jpg' || options.fileType === 'jpeg' ? 'image/jpeg' : 'image/png', quality: jpegQuality(options.quality) };
  if (options.canvas !== undefined && options.canvas !== null) {
    const canvas = options.canvas;
    if (typeof OffscreenCanvas === 'undefined' || !(canvas instanceof OffscreenCanvas)) {
      throw new ApiFailure(`${name}:fail canvas is not a canvas node (use the node a selector query returns for <canvas type="2d">)`);
    }
    // The node's own pixels already carry whatever pixel ratio the program sized it for (most set
    // width and height to the CSS size times pixelRatio), so by default the file has those pixels,
    // not that many times the ratio again.
    const region = regionOf(name, options, canvas.width, canvas.height, 1);
    return { tempFilePath: await encodeRegion(name, canvas, region, region, encoding) };
  }
  if (typeof options.canvasId !== 'string' || !options.canvasId) throw new ApiFailure(`${name}:fail parameter error: canvasId or canvas is required`);
  const target: CanvasTarget = { canvasId: options.canvasId, scope: lookup.scope };
  return queueOnCanvas(target, async () => {
    const found = await legacyCanvas(name, target, lookup);
    const region = regionOf(name, options, found.width, found.height, ratio);
    const pixels = { x: region.x * found.scaleX, y: region.y * found.scaleY, width: region.width * found.scaleX, height: region.height * found.scaleY };
    return { tempFilePath: await encodeRegion(name, found.canvas, pixels, region, encoding) };
  });
}

/**
 * wx.canvasGetImageData on a legacy canvas: `width` × `height` pixels of the region at (x, y),
 * all in CSS px as the context draws; each is the canvas pixel at the middle of that CSS px.
 */
export async function canvasGetImageData(options: CallbackOptions, lookup: CanvasLookup): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const name = 'canvasGetImageData';
  const target = legacyTarget(name, options, lookup);
  const box = pixelBox(name, options);
  return queueOnCanvas(target, async () => {
    const found = await legacyCanvas(name, target, lookup);
    return { width: box.width, height: box.height, data: readPixels(found, box) };
  });
}

/**
 * wx.canvasPutImageData on a legacy canvas: `data` (width × height RGBA pixels) replaces the
 * region at (x, y), in CSS px, each pixel covering one CSS px of the canvas. It lands after the
 * draws asked for before, and success follows once it is on the canvas.
 */
export async function canvasPutImageData(options: CallbackOptions, lookup: CanvasLookup): Promise<void> {
  const name = 'canvasPutImageData';
  const target = legacyTarget(name, options, lookup);
  const data = options.data as ArrayLike<number> | undefined;
  if (!data || typeof data !== 'object' || typeof data.length !== 'number') throw new ApiFailure(`${name}:fail parameter error: data should be a Uint8ClampedArray`);
  const width = Math.round(Number(options.width));
  const height = options.height === undefined ? Math.floor(data.length / 4 / width) : Math.round(Number(options.height));
  const box = pixelBox(name, { ...options, width, height });
  if (data.length !== box.width * box.height * 4) throw new ApiFailure(`${name}:fail parameter error: data should hold width × height × 4 values (${box.width * box.height * 4}), not ${data.length}`);
  await queueOnCanvas(target, async () => {
    const found = await legacyCanvas(name, target, lookup);
    writePixels(sizedForDrawing(found, lookup.pixelRatio()), box, data);
    await nextFrame();
  });
}

interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

function legacyTarget(name: string, options: CallbackOptions, lookup: CanvasLookup): CanvasTarget {
  if (typeof options.canvasId !== 'string' || !options.canvasId) throw new ApiFailure(`${name}:fail parameter error: canvasId should be a non-empty String`);
  return { canvasId: options.canvasId, scope: lookup.scope };
}

async function legacyCanvas(name: string, target: CanvasTarget, lookup: CanvasLookup): Promise<LegacyCanvas> {
  const found = await findLegacyCanvas(target, lookup.query, lookup.pixelRatio());
  if (!found) throw new ApiFailure(`${name}:fail ${canvasPlace(target)}`);
  return found;
}

/** A finite number from an option, or `fallback` when it is missing or not a number. */
function numberOr(value: unknown, fallback: number): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(number) ? number : fallback;
}

/** The exported region and the output size, with WeChat's defaults: the rest of the canvas, at the device's pixel ratio. */
function regionOf(name: string, options: CallbackOptions, canvasWidth: number, canvasHeight: number, ratio: number): Region & { destWidth: number; destHeight: number } {
  const x = numberOr(options.x, 0);
  const y = numberOr(options.y, 0);
  const width = numberOr(options.width, canvasWidth - x);
  const height = numberOr(options.height, canvasHeight - y);
  if (!(width > 0 && height > 0)) throw new ApiFailure(`${name}:fail the region to export is empty (width ${width}, height ${height})`);
  const destWidth = Math.round(numberOr(options.destWidth, width * ratio));
  const destHeight = Math.round(numberOr(options.destHeight, height * ratio));
  if (!(destWidth > 0 && destHeight > 0)) throw new ApiFailure(`${name}:fail destWidth and destHeight should be positive (${destWidth} × ${destHeight})`);
  return { x, y, width, height, destWidth, destHeight };
}

/** WeChat's JPEG quality: (0, 1], anything else counting as 1. */
function jpegQuality(value: unknown): number {
  return typeof value === 'number' && value > 0 && value <= 1 ? value : 1;
}

async function encodeRegion(name: string, canvas: OffscreenCanvas, source: Region, size: { destWidth: number; destHeight: number }, encoding: { type: string; quality: number }): Promise<string> {
  if (canvas.width === 0 || canvas.height === 0) throw new ApiFailure(`${name}:fail the canvas has no pixels (width or height is 0)`);
  const output = new OffscreenCanvas(size.destWidth, size.destHeight);
  const context = output.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.imageSmoothingQuality = 'high';
  // Parts of the region outside the canvas stay transparent, as drawImage clips its source.
  context.drawImage(canvas, source.x, source.y, source.width, source.height, 0, 0, size.destWidth, size.destHeight);
  const blob = await output.convertToBlob(encoding);
  return blobToDataUrl(blob);
}

interface SyncReader {
  readAsDataURL(blob: Blob): string;
}

/** A Blob as a `data:` URL, read in the Worker itself (FileReaderSync is a Worker-only API). */
export async function blobToDataUrl(blob: Blob): Promise<string> {
  const Reader = (globalThis as { FileReaderSync?: new () => SyncReader }).FileReaderSync;
  if (Reader) return new Reader().readAsDataURL(blob);
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('the image could not be read'));
    reader.readAsDataURL(blob);
  });
}

/** x, y, width, height of a pixel call, checked as WeChat requires them. */
function pixelBox(name: string, options: CallbackOptions): Region {
  const values = (['x', 'y', 'width', 'height'] as const).map((key) => numberOr(options[key], NaN));
  const [x, y, width, height] = values as [number, number, number, number];
  const missing = (['x', 'y', 'width', 'height'] as const).filter((_, index) => Number.isNaN(values[index]));
  if (missing.length) throw new ApiFailure(`${name}:fail parameter error: ${missing.join(', ')} should be Number`);
  const box = { x, y, width: Math.round(width), height: Math.round(height) };
  if (box.width <= 0 || box.height <= 0) throw new ApiFailure(`${name}:fail parameter error: width and height should be positive`);
  return box;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** Reads `box` (CSS px): each result pixel is the canvas pixel under the middle of its CSS px. */
function readPixels(found: LegacyCanvas, box: Region): Uint8ClampedArray {
  const { canvas, scaleX, scaleY } = found;
  const left = Math.floor(box.x * scaleX);
  const top = Math.floor(box.y * scaleY);
  const spanX = Math.max(1, Math.ceil((box.x + box.width) * scaleX) - left);
  const spanY = Math.max(1, Math.ceil((box.y + box.height) * scaleY) - top);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  // Outside the canvas getImageData answers transparent pixels, as WeChat does.
  const source = context.getImageData(left, top, spanX, spanY).data;
  const out = new Uint8ClampedArray(box.width * box.height * 4);
  for (let row = 0; row < box.height; row += 1) {
    const sourceRow = clamp(Math.floor((box.y + row + 0.5) * scaleY) - top, 0, spanY - 1);
    for (let column = 0; column < box.width; column += 1) {
      const sourceColumn = clamp(Math.floor((box.x + column + 0.5) * scaleX) - left, 0, spanX - 1);
      const from = (sourceRow * spanX + sourceColumn) * 4;
      out.set(source.subarray(from, from + 4), (row * box.width + column) * 4);
    }
  }
  return out;
}

/** The canvas at its CSS size times the device's ratio, as draw() keeps it (resizing clears it, as a draw would). */
function sizedForDrawing(found: LegacyCanvas, ratio: number): LegacyCanvas {
  const width = Math.max(1, Math.round(found.width * ratio));
  const height = Math.max(1, Math.round(found.height * ratio));
  if (found.canvas.width === width && found.canvas.height === height) return found;
  found.canvas.width = width;
  found.canvas.height = height;
  return { ...found, scaleX: width / found.width, scaleY: height / found.height };
}

/** Writes `data` over `box` (CSS px): each canvas pixel takes the value of the CSS px it lies in. */
function writePixels(found: LegacyCanvas, box: Region, data: ArrayLike<number>): void {
  const { canvas, scaleX, scaleY } = found;
  const left = Math.round(box.x * scaleX);
  const top = Math.round(box.y * scaleY);
  const spanX = Math.round((box.x + box.width) * scaleX) - left;
  const spanY = Math.round((box.y + box.height) * scaleY) - top;
  if (spanX <= 0 || spanY <= 0) return;
  const pixels = new ImageData(spanX, spanY);
  for (let row = 0; row < spanY; row += 1) {
    const sourceRow = clamp(Math.floor((top + row + 0.5) / scaleY - box.y), 0, box.height - 1);
    for (let column = 0; column < spanX; column += 1) {
      const sourceColumn = clamp(Math.floor((left + column + 0.5) / scaleX - box.x), 0, box.width - 1);
      const from = (sourceRow * box.width + sourceColumn) * 4;
      const to = (row * spanX + column) * 4;
      for (let channel = 0; channel < 4; channel += 1) pixels.data[to + channel] = Number(data[from + channel]);
    }
  }
  (canvas.getContext('2d') as OffscreenCanvasRenderingContext2D).putImageData(pixels, left, top);
}
