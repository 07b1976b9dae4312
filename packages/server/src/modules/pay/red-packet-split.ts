/**
 * Splits a lucky red packet the classic way: each share, drawn in turn, is at least one minor
 * unit and at most twice the mean of what is left (and leaves one unit for every share after it);
 * the last share takes the rest. `random` returns a number in [0, 1), injected so tests can replay.
 */
export function splitLucky(total: number, count: number, random: () => number): number[] {
  if (!Number.isSafeInteger(total) || !Number.isSafeInteger(count) || count < 1 || total < count) {
    throw new RangeError('a lucky packet needs at least one minor unit per share');
  }
  const shares: number[] = [];
  let left = total;
  for (let remaining = count; remaining > 1; remaining--) {
    const ceiling = Math.min(Math.floor((2 * left) / remaining), left - (remaining - 1));
    const share = 1 + Math.floor(random() * ceiling);
    shares.push(Math.min(share, ceiling));
    left -= shares[shares.length - 1]!;
  }
  shares.push(left);
  return shares;
}

/** The share a fixed packet gives each member: every share the same. */
export function splitFixed(each: number, count: number): number[] {
  return Array.from({ length: count }, () => each);
}
