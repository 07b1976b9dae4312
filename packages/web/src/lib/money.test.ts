import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFen, formatMoney, formatSignedFen, maxFen, parseYuan } from './money';

describe('parseYuan', () => {
  it.each([
    ['12', 1200],
    ['12.', 1200],
    ['12.3', 1230],
    ['12.34', 1234],
    ['.5', 50],
    ['0.01', 1],
    ['0.29', 29],
    ['1.15', 115],
    ['4.35', 435],
    ['007.10', 710],
    [' 8.88 ', 888],
    ['¥20', 2000],
    ['1,000.50', 100050],
    ['１２．５', 1250],
    ['1000000000.00', maxFen],
  ])('reads %j as %i fen', (text, fen) => {
    expect(parseYuan(text)).toEqual({ ok: true, fen });
  });

  it.each([
    ['', 'amount_empty'],
    ['   ', 'amount_empty'],
    ['.', 'amount_invalid'],
    ['abc', 'amount_invalid'],
    ['-1', 'amount_invalid'],
    ['+1', 'amount_invalid'],
    ['1e3', 'amount_invalid'],
    ['1.2.3', 'amount_invalid'],
    ['12,34', 'amount_invalid'],
    ['Infinity', 'amount_invalid'],
    ['0x10', 'amount_invalid'],
    ['1.234', 'amount_too_precise'],
    ['0.001', 'amount_too_precise'],
    ['0', 'amount_zero'],
    ['0.00', 'amount_zero'],
    ['1000000000.01', 'amount_too_large'],
    ['99999999999', 'amount_too_large'],
    ['123456789012345678901234567890', 'amount_too_large'],
  ])('refuses %j with %s', (text, code) => {
    expect(parseYuan(text)).toEqual({ ok: false, code });
  });

  it('reads back every amount it formats, exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: maxFen }), (fen) => {
        expect(parseYuan(formatFen(fen))).toEqual({ ok: true, fen });
      }),
    );
  });
});

describe('formatting fen', () => {
  it('shows two decimals and the sign', () => {
    expect(formatFen(0)).toBe('0.00');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(1234)).toBe('12.34');
    expect(formatFen(-1234)).toBe('-12.34');
    expect(formatFen(-5)).toBe('-0.05');
    expect(formatFen(maxFen)).toBe('1000000000.00');
    expect(formatSignedFen(1234)).toBe('+12.34');
    expect(formatSignedFen(-1234)).toBe('-12.34');
    expect(formatMoney(1234)).toBe('¥12.34');
    expect(formatMoney(-1234)).toBe('-¥12.34');
    expect(formatMoney(100, 'USD')).toBe('USD 1.00');
  });

  it('refuses amounts that are not integers', () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
    expect(() => formatFen(Number.NaN)).toThrow(RangeError);
  });
});
