import { describe, expect, it } from 'vitest';
import { formatYuan, parseYuan } from './yuan';

describe('yuan amounts', () => {
  it('reads yuan strings into exact fen', () => {
    expect(parseYuan('10.00')).toBe(1000);
    expect(parseYuan('10')).toBe(1000);
    expect(parseYuan('10.5')).toBe(1050);
    expect(parseYuan('0.07')).toBe(7);
    // 0.29 * 100 is 28.999999999999996 in floating point; read digit by digit it is 29.
    expect(parseYuan('0.29')).toBe(29);
    expect(parseYuan('1.13')).toBe(113);
    expect(parseYuan('1000000000')).toBe(1_000_000_000_00);
  });

  it('refuses what is not a positive amount of at most two decimals', () => {
    for (const text of ['', '0', '0.00', '-1', '+1', '1.234', '1.', '.5', '1e3', 'ten', '1,000', '1000000000.01', '12345678901']) {
      expect(parseYuan(text), text).toBeUndefined();
    }
  });

  it('formats fen as yuan', () => {
    expect(formatYuan(1050)).toBe('10.50');
    expect(formatYuan(-7)).toBe('-0.07');
    expect(formatYuan(0)).toBe('0.00');
  });
});
