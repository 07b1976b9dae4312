import type { Kysely } from 'kysely';

/**
 * Drops the ledger entries' (account_id, created_at) index. Every posting wrote one more entry into
 * it, at a random place (a page per account touched), which on SQLite was a sixth of the cost of a
 * batch of transfers. A wallet's statement reads its account newest first through the primary key
 * (account_id, version) either way; a time filter or a monthly summary now reads that account's
 * entries through the same key and filters them, which for a person's wallet is a few thousand
 * rows at most.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('ledger_entries_account_time').ifExists().execute();
}
