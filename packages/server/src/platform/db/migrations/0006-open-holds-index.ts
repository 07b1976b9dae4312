import { sql, type Kysely } from 'kysely';

/**
 * Holds by expiry are only ever looked up while open (the sweeper and reconciliation's overdue
 * check), so the (status, expires_at) index becomes (expires_at) over open holds only. Posting or
 * voiding a hold then drops it from the index instead of moving it inside: one index write less for
 * each share a red-packet grab pays out, and an index as small as the number of open holds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX ledger_holds_open_expiry ON ledger_holds (expires_at) WHERE status = 'open'`.execute(db);
  await db.schema.dropIndex('ledger_holds_open').execute();
}
