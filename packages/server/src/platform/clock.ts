import { randomBytes } from 'node:crypto';

/** Time, injected so tests can freeze and move it. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** Ids and secrets, injected so tests can replay a run. */
export interface Ids {
  /** A sortable, unique id: 48 bits of time then 80 random bits, in Crockford base32. */
  next(): string;
  /** An unguessable secret of the given number of bytes, base64url. */
  secret(bytes: number): string;
}

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

function encodeTime(ms: number): string {
  let out = '';
  let value = ms;
  for (let index = 0; index < 10; index++) {
    out = alphabet[value % 32] + out;
    value = Math.floor(value / 32);
  }
  return out;
}

function encodeRandom(bytes: Buffer): string {
  let out = '';
  for (const byte of bytes) out += alphabet[byte % 32];
  return out;
}

export function createIds(clock: Clock, random: (bytes: number) => Buffer = randomBytes): Ids {
  // Ids take their random part from a pool filled 4 KiB at a time: the ledger makes an id per
  // transfer, and asking the system for 16 bytes each time cost more than the rest of the id.
  let pool: Buffer = Buffer.alloc(0);
  let used = 0;
  const randomPart = (): Buffer => {
    if (used + 16 > pool.length) {
      pool = random(4096);
      used = 0;
    }
    used += 16;
    return pool.subarray(used - 16, used);
  };
  return {
    next: () => encodeTime(clock.now()) + encodeRandom(randomPart()),
    secret: (bytes) => random(bytes).toString('base64url'),
  };
}
