import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

/** A token bucket per key: `capacity` requests at once, refilled evenly over `windowMs`. */
export interface RateLimit {
  /** Takes one token for `key`; false when the bucket is empty. */
  take(key: string): Promise<boolean>;
}

/** Buckets in this process's memory: the limit for a single node (SQLite). */
export class MemoryRateLimiter implements RateLimit {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(
    private readonly capacity: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  take(key: string): Promise<boolean> {
    return Promise.resolve(this.takeNow(key));
  }

  takeNow(key: string): boolean {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, updatedAt: now };
    const refill = ((now - bucket.updatedAt) / this.windowMs) * this.capacity;
    bucket.tokens = Math.min(this.capacity, bucket.tokens + refill);
    bucket.updatedAt = now;
    if (this.buckets.size > 100_000) this.prune(now);
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      return false;
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    return true;
  }

  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.updatedAt > this.windowMs) this.buckets.delete(key);
    }
  }
}

/** Longer keys (a login name someone typed) are stored as their hash: the column stays bounded. */
const maxKeyLength = 160;

/**
 * Buckets in the database, shared by every node on it: N nodes behind a load balancer allow what
 * one would, not N times as much. Each take is one upsert, which the row's lock serialises across
 * nodes: it refills the bucket for the time since its last take, takes a token if a whole one is
 * there, and says whether it did. A bucket idle for a whole window is full, which is what a missing
 * row means, so `prune` deletes those.
 */
export class DatabaseRateLimiter implements RateLimit {
  constructor(
    // Any schema that has the rate_limit_buckets table.
    private readonly db: Kysely<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
    /** Tells this limiter's buckets apart from other limiters' on the same table. */
    private readonly name: string,
    private readonly capacity: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  async take(key: string): Promise<boolean> {
    const now = this.now();
    let full = `${this.name}:${key}`;
    if (full.length > maxKeyLength) full = `${this.name}:#${createHash('sha256').update(key).digest('base64url')}`;
    // Numbers we chose (capacity, refill rate) are literals; the clock and the key are parameters.
    const capacity = sql.lit(this.capacity);
    const perMs = sql.raw(String(this.capacity / this.windowMs));
    const elapsed = sql`(CASE WHEN ${now} > b.updated_at THEN ${now} - b.updated_at ELSE 0 END)`;
    const refilled = sql`(CASE WHEN b.tokens + ${elapsed} * ${perMs} > ${capacity} THEN ${capacity} ELSE b.tokens + ${elapsed} * ${perMs} END)`;
    const { rows } = await sql<{ allowed: number }>`INSERT INTO rate_limit_buckets AS b (key, tokens, allowed, updated_at)
      VALUES (${full}, ${sql.lit(this.capacity - 1)}, ${this.capacity >= 1 ? sql.lit(1) : sql.lit(0)}, ${now})
      ON CONFLICT (key) DO UPDATE SET
        tokens = CASE WHEN ${refilled} >= 1 THEN ${refilled} - 1 ELSE ${refilled} END,
        allowed = CASE WHEN ${refilled} >= 1 THEN 1 ELSE 0 END,
        updated_at = CASE WHEN ${now} > b.updated_at THEN ${now} ELSE b.updated_at END
      RETURNING allowed`.execute(this.db);
    return Number(rows[0]?.allowed) === 1;
  }

  /** Deletes this limiter's buckets that have been idle for a whole window (they are full). */
  async prune(): Promise<number> {
    const result = await sql`DELETE FROM rate_limit_buckets WHERE key LIKE ${`${this.name}:%`} AND updated_at < ${this.now() - this.windowMs}`.execute(this.db);
    return Number(result.numAffectedRows ?? 0);
  }
}
