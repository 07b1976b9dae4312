import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * PostgreSQL: leave room on each page of ledger accounts, so the balance update every posting makes
 * (a thousand rows in one batch of red-packet grabs) can be a heap-only update that writes no index
 * entries. Applies to pages written from now on. SQLite updates rows in place: nothing to do.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql`ALTER TABLE ledger_accounts SET (fillfactor = 70)`.execute(db);
}
