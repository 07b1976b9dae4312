/**
 * A synchronous PNG encoder for `canvas.toDataURL()`, which WeChat's Canvas answers at once while
 * a Worker's OffscreenCanvas can only encode asynchronously (convertToBlob). Rows are filtered
 * (None, Sub or Up, whichever leaves the smallest values), then compressed with fflate's zlib.
 */
import { zlibSync } from 'fflate';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i += 1) c = (CRC_TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Each row with the filter (None, Sub or Up) whose output has the smallest sum of magnitudes. */
function filterRows(width: number, height: number, rgba: Uint8ClampedArray): Uint8Array {
  const stride = width * 4;
  const out = new Uint8Array((stride + 1) * height);
  const none = new Uint8Array(stride);
  const sub = new Uint8Array(stride);
  const upward = new Uint8Array(stride);
  const magnitude = (byte: number): number => (byte < 128 ? byte : 256 - byte);
  for (let y = 0; y < height; y += 1) {
    const row = y * stride;
    let noneSum = 0;
    let subSum = 0;
    let upSum = 0;
    for (let x = 0; x < stride; x += 1) {
      const value = rgba[row + x] as number;
      const left = x >= 4 ? (rgba[row + x - 4] as number) : 0;
      const up = y > 0 ? (rgba[row + x - stride] as number) : 0;
      none[x] = value;
      sub[x] = (value - left) & 0xff;
      upward[x] = (value - up) & 0xff;
      noneSum += magnitude(value);
      subSum += magnitude(sub[x] as number);
      upSum += magnitude(upward[x] as number);
    }
    const sums = [noneSum, subSum, upSum];
    const candidates = [none, sub, upward];
    const best = sums.indexOf(Math.min(...sums));
    out[y * (stride + 1)] = best;
    out.set(candidates[best] as Uint8Array, y * (stride + 1) + 1);
  }
  return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i += 1) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A PNG (8-bit RGBA, not interlaced) of `width` × `height` pixels given as unpremultiplied RGBA. */
export function encodePng(width: number, height: number, rgba: Uint8ClampedArray): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8);
  const parts = [Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), chunk('IHDR', header), chunk('IDAT', zlibSync(filterRows(width, height, rgba), { level: 6 })), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Bytes in base64, converted in slices so long images do not overflow the argument list. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}
