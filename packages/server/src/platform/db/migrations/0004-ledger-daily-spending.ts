import { sql, type Kysely } from 'kysely';

const dayMs = 86_400_000;

/**
 * Each ledger account keeps what it paid out today (`spent_day`, `spent_today`) beside its balance,
 * written by the update every posting already makes, so the daily limit reads one row. That lets
 * the entries' (account_id, created_at) index go: it was there for that daily sum, and every posting
 * wrote an entry into it at a random place (a page per account touched), a sixth of the cost of a
 * batch of transfers on SQLite. Statements read an account newest first through the primary key
 * (account_id, version) either way; a monthly summary reads one person's entries through that key.
 *
 * The spending kinds are the ledger's (`spendingKinds`), copied here as they stood: a migration
 * must mean the same thing whenever it runs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ledger_accounts').addColumn('spent_day', 'bigint', (column) => column.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('ledger_accounts').addColumn('spent_today', 'bigint', (column) => column.notNull().defaultTo(0)).execute();
  const now = Date.now();
  const today = Math.floor(now / dayMs);
  await sql`UPDATE ledger_accounts SET spent_day = ${today}, spent_today = COALESCE((
      SELECT -SUM(e.amount) FROM ledger_entries e
      WHERE e.account_id = ledger_accounts.id AND e.created_at >= ${today * dayMs} AND e.amount < 0
        AND e.kind IN ('transfer_sent', 'red_packet_sent', 'withdrawal')
    ), 0)`.execute(db);
  await db.schema.dropIndex('ledger_entries_account_time').ifExists().execute();
}
