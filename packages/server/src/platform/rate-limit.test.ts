import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';
import { MemoryRateLimiter } from './rate-limit';

function takeMany(limiter: MemoryRateLimiter, key: string, count: number): boolean[] {
  return Array.from({ length: count }, () => limiter.takeNow(key));
}

describe('MemoryRateLimiter', () => {
  it('allows a burst up to capacity, then refuses', () => {
    const clock = new ManualClock();
    const limiter = new MemoryRateLimiter(5, 60_000, () => clock.now());
    expect(takeMany(limiter, 'ip:1', 7)).toEqual([true, true, true, true, true, false, false]);
  });

  it('keeps a separate bucket per key', () => {
    const clock = new ManualClock();
    const limiter = new MemoryRateLimiter(2, 60_000, () => clock.now());
    expect(takeMany(limiter, 'a', 3)).toEqual([true, true, false]);
    expect(takeMany(limiter, 'b', 3)).toEqual([true, true, false]);
  });

  it('refills evenly over the window', () => {
    const clock = new ManualClock();
    const limiter = new MemoryRateLimiter(6, 60_000, () => clock.now());
    takeMany(limiter, 'k', 6);
    expect(limiter.takeNow('k')).toBe(false);
    clock.advance(9_999);
    expect(limiter.takeNow('k')).toBe(false);
    clock.advance(1);
    // 10 s is a sixth of the window: one token back.
    expect(takeMany(limiter, 'k', 2)).toEqual([true, false]);
    clock.advance(30_000);
    expect(takeMany(limiter, 'k', 4)).toEqual([true, true, true, false]);
  });

  it('refused attempts do not push the refill back', () => {
    const clock = new ManualClock();
    const limiter = new MemoryRateLimiter(1, 60_000, () => clock.now());
    expect(limiter.takeNow('k')).toBe(true);
    for (let second = 0; second < 59; second++) {
      clock.advance(1_000);
      expect(limiter.takeNow('k')).toBe(false);
    }
    clock.advance(1_000);
    expect(limiter.takeNow('k')).toBe(true);
  });

  it('never holds more than its capacity, however long it was idle', () => {
    const clock = new ManualClock();
    const limiter = new MemoryRateLimiter(3, 60_000, () => clock.now());
    limiter.takeNow('k');
    clock.advance(24 * 3_600_000);
    expect(takeMany(limiter, 'k', 4)).toEqual([true, true, true, false]);
  });

  it('still limits correctly after pruning idle buckets', () => {
    const clock = new ManualClock();
    const limiter = new MemoryRateLimiter(2, 60_000, () => clock.now());
    takeMany(limiter, 'busy', 2);
    for (let index = 0; index <= 100_000; index++) limiter.takeNow(`idle:${index}`);
    clock.advance(60_001);
    takeMany(limiter, 'busy', 2);
    // This take finds more than 100,000 buckets and prunes the idle ones; "busy" was just used.
    expect(limiter.takeNow('busy')).toBe(false);
    expect(takeMany(limiter, 'idle:5', 3)).toEqual([true, true, false]);
  });
});
