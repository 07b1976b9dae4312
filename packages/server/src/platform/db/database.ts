import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresAdapter, PostgresDialect, sql, type DialectAdapter, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { Config } from '../../config';
import { migrations } from './migrations';
import { DirectSqliteDialect, type SqliteStatements } from './sqlite-direct';
import { startWalCheckpointer } from './wal-checkpointer';
import type { Tables } from './tables';

export type Database = Kysely<Tables>;
export type Dialect = 'sqlite' | 'postgres';

// BIGINT columns hold times and sequence numbers, all below 2^53: read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/**
 * better-sqlite3 with prepared statements kept by SQL text. Kysely prepares every query afresh,
 * which cost as much CPU as running the queries on the message path. Statements are reused
 * only synchronously (Kysely runs each to completion at once), so sharing them is safe.
 */
function withStatementCache(sqlite: BetterSqlite3.Database, onClose: () => void, limit = 2000): SqliteDatabase & SqliteStatements {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const statement = (text: string): BetterSqlite3.Statement => {
    let prepared = statements.get(text);
    if (!prepared) {
      // Queries with IN lists of many lengths make many texts; start over rather than grow without bound.
      if (statements.size >= limit) statements.clear();
      prepared = sqlite.prepare(text);
      statements.set(text, prepared);
    }
    return prepared;
  };
  return {
    close: () => {
      onClose();
      sqlite.close();
    },
    prepare: statement,
    statement,
  };
}

/**
 * PostgreSQL without advisory locks, which distributed PostgreSQL-compatible engines lack:
 * migrations are serialised by a row lock instead (see migrateToLatest).
 */
class RowLockedPostgresAdapter extends PostgresAdapter {
  override async acquireMigrationLock(): Promise<void> {}
  override async releaseMigrationLock(): Promise<void> {}
}

class TesseraPostgresDialect extends PostgresDialect {
  override createAdapter(): DialectAdapter {
    return new RowLockedPostgresAdapter();
  }
}

/** Opens the configured database. SQLite runs in WAL mode so readers never wait for the writer. */
export function openDatabase(
  config: Config['database'],
  onPoolError: (error: Error) => void = () => {},
): { db: Database; dialect: Dialect } {
  if (config.kind === 'sqlite') {
    if (config.file !== ':memory:') fs.mkdirSync(path.dirname(config.file), { recursive: true });
    const sqlite = new BetterSqlite3(config.file);
    sqlite.pragma('journal_mode = WAL');
    // NORMAL in WAL mode keeps every committed transaction across a process crash.
    sqlite.pragma('synchronous = NORMAL');
    // The WAL is copied back into the file by a worker thread (see wal-checkpointer.ts); SQLite's own
    // checkpoint, inside a commit on the event loop, only runs if the worker falls 64 MB behind.
    // Durability is unchanged: a commit is in the WAL either way.
    sqlite.pragma('wal_autocheckpoint = 16384');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    const stopCheckpointer = config.file === ':memory:' ? () => {} : startWalCheckpointer(config.file);
    return {
      db: new Kysely<Tables>({ dialect: new DirectSqliteDialect(withStatementCache(sqlite, stopCheckpointer)) }),
      dialect: 'sqlite',
    };
  }
  const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize });
  // An idle connection that the server drops (a restart, a failover) must not take the process down;
  // the pool replaces it on next use.
  pool.on('error', onPoolError);
  return { db: new Kysely<Tables>({ dialect: new TesseraPostgresDialect({ pool }) }), dialect: 'postgres' };
}

/** Resolves when the database answers a trivial query; throws when it cannot. */
export async function pingDatabase(db: Database): Promise<void> {
  await sql`SELECT 1`.execute(db);
}

/**
 * Brings the schema up to date; throws if any migration fails. On PostgreSQL, nodes booting
 * together take turns: each holds a row lock in one transaction while migrating through the pool's
 * other connections, and whoever comes second finds nothing left to do.
 */
export async function migrateToLatest(db: Database, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') return runMigrations(db);
  for (let attempt = 1; ; attempt++) {
    try {
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations_guard (id integer PRIMARY KEY)`.execute(db);
      await sql`INSERT INTO schema_migrations_guard (id) VALUES (1) ON CONFLICT DO NOTHING`.execute(db);
      break;
    } catch (error) {
      // Two nodes creating the table at the same moment: one loses the race; the table exists now.
      if (attempt >= 3) throw error;
    }
  }
  await db.transaction().execute(async (transaction) => {
    await sql`SELECT id FROM schema_migrations_guard WHERE id = 1 FOR UPDATE`.execute(transaction);
    await runMigrations(db);
  });
}

async function runMigrations(db: Database): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}
