/**
 * Amounts as people type and read them (yuan, "12.34") and as the ledger keeps them (integer fen,
 * 1234). Parsing works on the decimal digits, never through floating point, so "0.29" is 29 fen
 * and not 28.999….
 */

/** The largest amount the ledger accepts (protocol `amount`: 1,000,000,000.00 yuan). */
export const maxFen = 1_000_000_000_00;

export type ParsedAmount = { ok: true; fen: number } | { ok: false; code: 'amount_empty' | 'amount_invalid' | 'amount_too_precise' | 'amount_too_large' | 'amount_zero' };

const decimal = /^([0-9]*)(?:\.([0-9]*))?$/;

/** Reads a yuan amount typed by a person ("12", "12.3", "12.34", ".5", "1,000.00" with grouping commas, full-width digits) as fen. */
export function parseYuan(input: string): ParsedAmount {
  const text = input
    .trim()
    // Chinese keyboards can type full-width digits and the ideographic full stop.
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/^[¥￥]\s*/, '')
    .replace(/,(?=[0-9]{3}(?:[.,]|$))/g, '');
  if (text === '') return { ok: false, code: 'amount_empty' };
  const match = decimal.exec(text);
  if (!match) return { ok: false, code: 'amount_invalid' };
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  if (whole === '' && fraction === '') return { ok: false, code: 'amount_invalid' };
  if (fraction.length > 2) return { ok: false, code: 'amount_too_precise' };
  const wholeDigits = whole.replace(/^0+(?=[0-9])/, '');
  // Past 10 digits of yuan the amount is over the limit anyway; stop before Number loses digits.
  if (wholeDigits.length > 10) return { ok: false, code: 'amount_too_large' };
  const fen = Number(wholeDigits || '0') * 100 + Number(fraction.padEnd(2, '0'));
  if (fen === 0) return { ok: false, code: 'amount_zero' };
  if (fen > maxFen) return { ok: false, code: 'amount_too_large' };
  return { ok: true, fen };
}

/** Fen as yuan with two decimals: 1234 -> "12.34", -5 -> "-0.05". Digits only, no grouping. */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const absolute = Math.abs(fen);
  const whole = Math.floor(absolute / 100);
  const cents = absolute % 100;
  return `${sign}${whole}.${cents.toString().padStart(2, '0')}`;
}

/** A movement's amount with its direction: "+12.34" into the wallet, "-12.34" out of it. */
export function formatSignedFen(fen: number): string {
  return fen > 0 ? `+${formatFen(fen)}` : formatFen(fen);
}

/** An amount with the currency sign, as cards and balances show it ("¥12.34"). */
export function formatMoney(fen: number, currency = 'CNY'): string {
  const text = formatFen(fen);
  const symbol = currency === 'CNY' ? '¥' : `${currency} `;
  return fen < 0 ? `-${symbol}${text.slice(1)}` : `${symbol}${text}`;
}
