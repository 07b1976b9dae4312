import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from './sha256';

describe('sha256Hex', () => {
  it('matches Node for empty, short, block-boundary, multi-block and non-ASCII texts', () => {
    const texts = ['', 'abc', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'y'.repeat(1000), '你好, 小程序 🎉', '__tessera.define("a.js", function () {});\n'.repeat(300)];
    for (const text of texts) expect(sha256Hex(text), JSON.stringify(text.slice(0, 20))).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('gives the standard digest of "abc"', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
