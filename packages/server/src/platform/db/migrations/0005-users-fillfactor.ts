import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * PostgreSQL: leave room on each page of users, so that reserving timeline seqs (an update of
 * `timeline_seq` for every user an event reaches: each recipient of a message, each grabber of a
 * red packet) can be a heap-only update that writes none of the table's three indexes. Applies to
 * pages written from now on. SQLite updates rows in place: nothing to do.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql`ALTER TABLE users SET (fillfactor = 70)`.execute(db);
}
