/**
 * A synchronous PNG encoder for `canvas.toDataURL()`, which WeChat's Canvas answers at once while
 * a Worker's OffscreenCanvas can only encode asynchronously (convertToBlob). Rows are filtered
 * (None, Sub or Up, whichever leaves the smallest values), then compressed with deflate using
 * LZ77 matches and the fixed Huffman codes (RFC 1950/1951), which keeps canvas drawings (large
 * runs of one colour) small without building code tables per image.
 */

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

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let start = 0; start < bytes.length; start += 5552) {
    const end = Math.min(bytes.length, start + 5552);
    for (let i = start; i < end; i += 1) {
      a += bytes[i] as number;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

// Deflate's length and distance symbols: the smallest value of each and its extra bits.
const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DISTANCE_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

function reverseBits(code: number, length: number): number {
  let out = 0;
  for (let i = 0; i < length; i += 1) out |= ((code >>> i) & 1) << (length - 1 - i);
  return out;
}

// The fixed literal/length code of each symbol 0-287, bit-reversed for writing LSB first.
const FIXED_CODES = (() => {
  const codes = new Uint16Array(288);
  const lengths = new Uint8Array(288);
  for (let symbol = 0; symbol < 288; symbol += 1) {
    const [code, length] = symbol <= 143 ? [0x30 + symbol, 8] : symbol <= 255 ? [0x190 + symbol - 144, 9] : symbol <= 279 ? [symbol - 256, 7] : [0xc0 + symbol - 280, 8];
    codes[symbol] = reverseBits(code, length);
    lengths[symbol] = length;
  }
  return { codes, lengths };
})();

function symbolFor(bases: number[], value: number): number {
  let symbol = 0;
  while (symbol + 1 < bases.length && (bases[symbol + 1] as number) <= value) symbol += 1;
  return symbol;
}

const LENGTH_SYMBOLS = Uint8Array.from({ length: 259 }, (_, length) => (length < 3 ? 0 : symbolFor(LENGTH_BASE, length)));
const DISTANCE_SYMBOLS = (() => {
  const table = new Uint8Array(32769);
  let symbol = 0;
  for (let distance = 1; distance <= 32768; distance += 1) {
    while (symbol + 1 < DISTANCE_BASE.length && (DISTANCE_BASE[symbol + 1] as number) <= distance) symbol += 1;
    table[distance] = symbol;
  }
  return table;
})();

class BitWriter {
  private bytes: Uint8Array;
  private length = 0;
  private buffer = 0;
  private count = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(Math.max(64, capacity));
  }

  write(value: number, bits: number): void {
    this.buffer |= value << this.count;
    this.count += bits;
    while (this.count >= 8) {
      this.push(this.buffer & 0xff);
      this.buffer >>>= 8;
      this.count -= 8;
    }
  }

  push(byte: number): void {
    if (this.length === this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[this.length] = byte;
    this.length += 1;
  }

  finish(): Uint8Array {
    if (this.count > 0) this.push(this.buffer & 0xff);
    this.buffer = 0;
    this.count = 0;
    return this.bytes.subarray(0, this.length);
  }
}

const WINDOW = 32768;
const HASH_SIZE = 1 << 15;
const MAX_CHAIN = 48;
const MAX_MATCH = 258;

/** `data` as a zlib stream: one final deflate block with the fixed Huffman codes. */
export function zlibCompress(data: Uint8Array): Uint8Array {
  const out = new BitWriter(Math.ceil(data.length / 4) + 64);
  out.push(0x78);
  out.push(0x01);
  out.write(1, 1); // the final block
  out.write(1, 2); // compressed with the fixed codes
  const literal = (symbol: number): void => out.write(FIXED_CODES.codes[symbol] as number, FIXED_CODES.lengths[symbol] as number);
  const head = new Int32Array(HASH_SIZE).fill(-1);
  const previous = new Int32Array(WINDOW);
  const hashAt = (i: number): number => (((data[i] as number) << 10) ^ ((data[i + 1] as number) << 5) ^ (data[i + 2] as number)) & (HASH_SIZE - 1);
  const insert = (i: number): void => {
    const hash = hashAt(i);
    previous[i & (WINDOW - 1)] = head[hash] as number;
    head[hash] = i;
  };
  const n = data.length;
  let i = 0;
  while (i < n) {
    let bestLength = 0;
    let bestDistance = 0;
    if (i + 2 < n) {
      const limit = Math.min(MAX_MATCH, n - i);
      let candidate = head[hashAt(i)] as number;
      for (let chain = MAX_CHAIN; candidate >= 0 && i - candidate <= WINDOW && chain > 0; chain -= 1) {
        if (data[candidate + bestLength] === data[i + bestLength]) {
          let length = 0;
          while (length < limit && data[candidate + length] === data[i + length]) length += 1;
          if (length > bestLength) {
            bestLength = length;
            bestDistance = i - candidate;
            if (length === limit) break;
          }
        }
        candidate = previous[candidate & (WINDOW - 1)] as number;
      }
      insert(i);
    }
    if (bestLength >= 3) {
      const lengthSymbol = LENGTH_SYMBOLS[bestLength] as number;
      literal(257 + lengthSymbol);
      out.write(bestLength - (LENGTH_BASE[lengthSymbol] as number), LENGTH_EXTRA[lengthSymbol] as number);
      const distanceSymbol = DISTANCE_SYMBOLS[bestDistance] as number;
      out.write(reverseBits(distanceSymbol, 5), 5);
      out.write(bestDistance - (DISTANCE_BASE[distanceSymbol] as number), DISTANCE_EXTRA[distanceSymbol] as number);
      for (let next = i + 1; next < i + bestLength && next + 2 < n; next += 1) insert(next);
      i += bestLength;
    } else {
      literal(data[i] as number);
      i += 1;
    }
  }
  literal(256);
  const checksum = adler32(data);
  const body = out.finish();
  const result = new Uint8Array(body.length + 4);
  result.set(body);
  new DataView(result.buffer).setUint32(body.length, checksum);
  return result;
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
  const parts = [Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), chunk('IHDR', header), chunk('IDAT', zlibCompress(filterRows(width, height, rgba))), chunk('IEND', new Uint8Array(0))];
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
