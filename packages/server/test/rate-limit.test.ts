import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { ManualClock } from '../src/platform/clock';
import { migrateToLatest, openDatabase, type Database } from '../src/platform/db/database';
import { DatabaseRateLimiter } from '../src/platform/rate-limit';
import { createTestDatabase, engines, type TestDatabase } from './databases';

describe.each(engines)('rate limits shared through the database on %s', (engine) => {
  let database: TestDatabase;
  const opened: Database[] = [];
  const clock = new ManualClock();
  /** Two connections to one database, as two nodes behind a load balancer have. */
  let nodeA: Database;
  let nodeB: Database;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const config = loadConfig({ TESSERA_DATABASE_URL: database.url, TESSERA_DATA_DIR: database.dataDir });
    for (let index = 0; index < 2; index++) opened.push(openDatabase(config.database).db);
    [nodeA, nodeB] = opened as [Database, Database];
    await migrateToLatest(nodeA, engine);
  });
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.destroy()));
    await database?.drop();
  });

  const limiter = (db: Database, name: string, capacity: number) => new DatabaseRateLimiter(db, name, capacity, 60_000, () => clock.now());
  const takeMany = async (limiters: DatabaseRateLimiter[], key: string, count: number) => {
    const out: boolean[] = [];
    for (let index = 0; index < count; index++) out.push(await limiters[index % limiters.length]!.take(key));
    return out;
  };

  it('allows a burst up to capacity across both nodes together, then refuses on either', async () => {
    const both = [limiter(nodeA, 'login', 4), limiter(nodeB, 'login', 4)];
    expect(await takeMany(both, 'ip:10.0.0.1', 6)).toEqual([true, true, true, true, false, false]);
    // Another key, and the same key under another limiter's name, have buckets of their own.
    expect(await takeMany(both, 'ip:10.0.0.2', 1)).toEqual([true]);
    expect(await takeMany([limiter(nodeA, 'pay', 4)], 'ip:10.0.0.1', 1)).toEqual([true]);
  });

  it('refills evenly over the window, never above capacity, and refused takes do not push it back', async () => {
    const both = [limiter(nodeA, 'refill', 6), limiter(nodeB, 'refill', 6)];
    await takeMany(both, 'k', 6);
    expect(await both[0]!.take('k')).toBe(false);
    clock.advance(9_999);
    expect(await both[1]!.take('k')).toBe(false);
    clock.advance(1);
    // 10 s is a sixth of the window: one token back.
    expect(await takeMany(both, 'k', 2)).toEqual([true, false]);
    clock.advance(24 * 3_600_000);
    expect(await takeMany(both, 'k', 7)).toEqual([true, true, true, true, true, true, false]);
  });

  it('gives out exactly its capacity to concurrent takes from both nodes', async () => {
    const both = [limiter(nodeA, 'race', 10), limiter(nodeB, 'race', 10)];
    const results = await Promise.all(Array.from({ length: 40 }, (_, index) => both[index % 2]!.take('hot')));
    expect(results.filter(Boolean)).toHaveLength(10);
  });

  it('stores a long key as its hash, and prunes only buckets idle for a whole window', async () => {
    const long = limiter(nodeA, 'long', 2);
    const key = `login:${'x'.repeat(5_000)}`;
    expect(await takeMany([long, long, long], key, 3)).toEqual([true, true, false]);
    expect(await long.take(`${key}y`)).toBe(true);
    const idle = limiter(nodeB, 'prune', 1);
    await idle.take('old');
    clock.advance(60_001);
    await idle.take('fresh');
    expect(await idle.prune()).toBe(1);
    // "fresh" was kept, and is still spent.
    expect(await idle.take('fresh')).toBe(false);
    expect(await idle.take('old')).toBe(true);
  });
});
