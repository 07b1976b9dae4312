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
  return {
    next: () => encodeTime(clock.now()) + encodeRandom(random(16)),
    secret: (bytes) => random(bytes).toString('base64url'),
  };
}
