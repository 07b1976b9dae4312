/** Largest amount the ledger moves at once, in fen (as in the protocol). */
const maxFen = 1_000_000_000_00;

/**
 * Reads a yuan amount such as "10", "10.5" or "10.05" into whole fen, digit by digit: no floating
 * point ever touches the value. Returns undefined for anything else (signs, more than two decimals,
 * zero, or more than the ledger moves).
 */
export function parseYuan(text: string): number | undefined {
  const match = /^([0-9]{1,10})(?:\.([0-9]{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (fen === 0 || fen > maxFen) return undefined;
  return fen;
}

/** Fen as a signed yuan string with two decimals: -1050 is "-10.50". */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const magnitude = Math.abs(fen);
  return `${sign}${Math.floor(magnitude / 100)}.${String(magnitude % 100).padStart(2, '0')}`;
}
