import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { migrateToLatest, openDatabase, type Database } from '../src/platform/db/database';
import { migrations } from '../src/platform/db/migrations';
import { createTestDatabase, engines, type TestDatabase } from './databases';

describe.each(engines)('migrations on %s', (engine) => {
  const opened: Database[] = [];
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.destroy()));
    await database?.drop();
  });

  function open(url: string) {
    const config = loadConfig({ TESSERA_DATABASE_URL: url, TESSERA_DATA_DIR: database!.dataDir });
    const handle = openDatabase(config.database);
    opened.push(handle.db);
    return handle;
  }

  it('migrates a fresh database once, even when several nodes boot at the same moment', async () => {
    database = await createTestDatabase(engine);
    const nodes = engine === 'postgres' ? [open(database.url), open(database.url), open(database.url)] : [open(database.url)];
    await Promise.all(nodes.map(({ db, dialect }) => migrateToLatest(db, dialect)));
    const { db, dialect } = nodes[0]!;
    await migrateToLatest(db, dialect);
    const applied = await db
      .selectFrom('schema_migrations' as never)
      .select('name' as never)
      .execute();
    expect(applied.map((row) => (row as { name: string }).name)).toEqual(Object.keys(migrations));
    const users = await db.selectFrom('users').select('id').execute();
    expect(users).toEqual([]);
  });

  it('0004 counts what each account paid out today from the entries it already has', async () => {
    database = await createTestDatabase(engine);
    const { db, dialect } = open(database.url);
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => migrations },
      migrationTableName: 'schema_migrations',
      migrationLockTableName: 'schema_migrations_lock',
    });
    expect((await migrator.migrateTo('0003-ledger-account-fillfactor')).error).toBeUndefined();
    const dayMs = 86_400_000;
    const today = Math.floor(Date.now() / dayMs) * dayMs;
    const account = (id: string, balance: number) =>
      sql`INSERT INTO ledger_accounts (id, owner_kind, owner_id, currency, balance, version, allow_negative, created_at)
        VALUES (${id}, ${id === 'funding' ? 'funding' : 'user'}, ${id}, 'CNY', ${balance}, 0, ${id === 'funding' ? 1 : 0}, ${today - 2 * dayMs})`.execute(db);
    await account('funding', 0);
    await account('alice', 0);
    await account('bob', 0);
    // Alice paid 100 yesterday and 30 + 20 today (and received 5, which is not spending); Bob paid nothing.
    const moves: [number, string, number, string, number, number][] = [];
    const versions = new Map<string, number>();
    const move = (transfer: number, at: number, legs: [string, number, string][]) => {
      for (const [accountId, amount, kind] of legs) {
        const version = (versions.get(accountId) ?? 0) + 1;
        versions.set(accountId, version);
        moves.push([transfer, accountId, amount, kind, version, at]);
      }
    };
    move(1, today - dayMs, [['funding', -1_000, 'top_up'], ['alice', 1_000, 'top_up']]);
    move(2, today - dayMs + 60_000, [['alice', -100, 'transfer_sent'], ['bob', 100, 'transfer_received']]);
    move(3, today + 1_000, [['alice', -30, 'transfer_sent'], ['bob', 30, 'transfer_received']]);
    move(4, today + 2_000, [['alice', -20, 'withdrawal'], ['funding', 20, 'withdrawal']]);
    move(5, today + 3_000, [['bob', -5, 'transfer_sent'], ['alice', 5, 'transfer_received']]);
    for (let transfer = 1; transfer <= 5; transfer++) {
      const at = moves.find((row) => row[0] === transfer)![5];
      const amount = moves.filter((row) => row[0] === transfer && row[2] > 0).reduce((sum, row) => sum + row[2], 0);
      await sql`INSERT INTO ledger_transfers (id, kind, currency, amount, memo, created_at) VALUES (${`t${transfer}`}, 'transfer', 'CNY', ${amount}, '', ${at})`.execute(db);
    }
    for (const [transfer, accountId, amount, kind, version, at] of moves) {
      await sql`INSERT INTO ledger_entries (account_id, version, transfer_id, amount, balance_after, kind, created_at)
        VALUES (${accountId}, ${version}, ${`t${transfer}`}, ${amount}, 0, ${kind}, ${at})`.execute(db);
    }
    await migrateToLatest(db, dialect);
    const rows = await db.selectFrom('ledger_accounts').select(['id', 'spent_day', 'spent_today']).orderBy('id').execute();
    const day = today / dayMs;
    expect(rows).toEqual([
      { id: 'alice', spent_day: day, spent_today: 50 },
      { id: 'bob', spent_day: day, spent_today: 5 },
      { id: 'funding', spent_day: day, spent_today: 0 },
    ]);
  });
});
