/**
 * SHA-256 (FIPS 180-4) of a text's UTF-8 bytes, as lowercase hex. The logic Worker runs in an
 * opaque-origin sandbox where Web Crypto's `subtle` is not available, and it still has to check
 * each subpackage bundle against the hash in the package manifest before running it.
 */
export function sha256Hex(text: string): string {
  const bytes = new TextEncoder().encode(text);
  // The message, a 1 bit, zeros, and the bit length in the last 8 bytes of a 64-byte block.
  const padded = new Uint8Array(Math.ceil((bytes.length + 9) / 64) * 64);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = bytes.length * 8;
  view.setUint32(padded.length - 8, Math.floor(bits / 0x100000000));
  view.setUint32(padded.length - 4, bits >>> 0);

  const hash = Uint32Array.from(INITIAL);
  const schedule = new Uint32Array(64);
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let index = 0; index < 16; index++) schedule[index] = view.getUint32(offset + index * 4);
    for (let index = 16; index < 64; index++) {
      const early = schedule[index - 15] as number;
      const late = schedule[index - 2] as number;
      const sigma0 = rotate(early, 7) ^ rotate(early, 18) ^ (early >>> 3);
      const sigma1 = rotate(late, 17) ^ rotate(late, 19) ^ (late >>> 10);
      schedule[index] = (schedule[index - 16] as number) + sigma0 + (schedule[index - 7] as number) + sigma1;
    }
    let [a, b, c, d, e, f, g, h] = hash as unknown as [number, number, number, number, number, number, number, number];
    for (let index = 0; index < 64; index++) {
      const sum1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25);
      const choice = (e & f) ^ (~e & g);
      const first = (h + sum1 + choice + (ROUND[index] as number) + (schedule[index] as number)) | 0;
      const sum0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22);
      const majority = (a & b) ^ (a & c) ^ (b & c);
      const second = (sum0 + majority) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + first) | 0;
      d = c;
      c = b;
      b = a;
      a = (first + second) | 0;
    }
    // Uint32Array stores wrap modulo 2^32, as the algorithm's additions do.
    [a, b, c, d, e, f, g, h].forEach((value, index) => {
      hash[index] = (hash[index] as number) + value;
    });
  }
  return Array.from(hash, (word) => word.toString(16).padStart(8, '0')).join('');
}

function rotate(value: number, count: number): number {
  return (value >>> count) | (value << (32 - count));
}

/** The first `count` primes. */
function primes(count: number): number[] {
  const found: number[] = [];
  for (let candidate = 2; found.length < count; candidate++) {
    if (found.every((prime) => candidate % prime !== 0)) found.push(candidate);
  }
  return found;
}

/** The first 32 bits of the fractional part of a number, as the standard derives its constants. */
function fraction32(value: number): number {
  return Math.floor((value - Math.floor(value)) * 0x100000000) >>> 0;
}

// The standard's constants are defined from the primes: square roots of the first 8 give the
// initial hash, cube roots of the first 64 the round constants. The tests compare the result
// with Node's own SHA-256.
const INITIAL = primes(8).map((prime) => fraction32(Math.sqrt(prime)));
const ROUND = Uint32Array.from(primes(64).map((prime) => fraction32(Math.cbrt(prime))));
