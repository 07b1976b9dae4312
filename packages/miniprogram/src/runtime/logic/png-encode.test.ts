import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng, toBase64 } from './png-encode';

/** Decodes an 8-bit RGBA PNG with Node's zlib and the PNG row filters, checking every chunk's CRC along the way. */
function decodePng(png: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Uint8Array[] = [];
  const types: string[] = [];
  while (offset < png.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const data = png.subarray(offset + 8, offset + 8 + length);
    types.push(type);
    if (type === 'IHDR') {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      expect(Array.from(data.subarray(8))).toEqual([8, 6, 0, 0, 0]);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = new Uint8Array(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)] as number;
    for (let x = 0; x < stride; x += 1) {
      const value = raw[y * (stride + 1) + 1 + x] as number;
      const left = x >= 4 ? (rgba[y * stride + x - 4] as number) : 0;
      const up = y > 0 ? (rgba[(y - 1) * stride + x] as number) : 0;
      rgba[y * stride + x] = (value + (filter === 1 ? left : filter === 2 ? up : 0)) & 0xff;
    }
  }
  return { width, height, rgba };
}

/** A deterministic pseudo-random byte sequence. */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i += 1) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

describe('the PNG encoder behind canvas.toDataURL', () => {
  it('compresses runs of one colour to a small fraction of their size', () => {
    const flat = new Uint8ClampedArray(400 * 300 * 4).fill(200);
    expect(encodePng(400, 300, flat).length).toBeLessThan(4000);
  });

  it('encodes pixels, including transparent ones, that decode to the same values', () => {
    const width = 37;
    const height = 23;
    const rgba = new Uint8ClampedArray(noise(width * height * 4, 9));
    for (let i = 0; i < width * height; i += 3) rgba.set([255, 0, 0, 255], i * 4);
    const decoded = decodePng(encodePng(width, height, rgba));
    expect([decoded.width, decoded.height]).toEqual([width, height]);
    expect(decoded.rgba).toEqual(new Uint8Array(rgba.buffer));
  });

  it('converts to base64 as Buffer does, past the slice size', () => {
    const bytes = noise(0x8000 * 2 + 5, 4);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});
