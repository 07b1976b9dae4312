import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitFixed, splitLucky } from './red-packet-split';

describe('red packet split', () => {
  it('gives every share at least 0.01, at most twice the mean of what is left, summing to the total', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 20_000 }), fc.integer(), (count, extra, seed) => {
        const total = count + extra;
        let state = seed >>> 0;
        const random = () => {
          state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
          return state / 2 ** 32;
        };
        const shares = splitLucky(total, count, random);
        expect(shares).toHaveLength(count);
        expect(shares.reduce((sum, share) => sum + share, 0)).toBe(total);
        let left = total;
        shares.forEach((share, index) => {
          const remaining = count - index;
          expect(share).toBeGreaterThanOrEqual(1);
          expect(Number.isInteger(share)).toBe(true);
          if (remaining > 1) expect(share).toBeLessThanOrEqual((2 * left) / remaining);
          left -= share;
        });
      }),
      { numRuns: 300 },
    );
  });

  it('gives the extremes of the random source their bounds', () => {
    expect(splitLucky(1_000, 4, () => 0)).toEqual([1, 1, 1, 997]);
    expect(splitLucky(100, 2, () => 0.999_999)).toEqual([99, 1]);
  });

  it('refuses fewer units than shares', () => {
    expect(() => splitLucky(2, 3, Math.random)).toThrow(RangeError);
  });

  it('gives fixed packets equal shares', () => {
    expect(splitFixed(88, 3)).toEqual([88, 88, 88]);
  });
});
