import { sql } from 'kysely';
import { bulkRows, chunks } from '../../platform/db/batch-sql';
import type { Executor } from './ledger.repository';

export interface StoredResult {
  caller_id: string;
  key: string;
  request_hash: string;
  result: string | null;
}

/** Idempotency keys in bulk, for the ledger's batched writer. */
export const idempotencyRepository = {
  /** The stored keys among `keys`, by "caller key". */
  async find(db: Executor, keys: { callerId: string; key: string }[]): Promise<Map<string, StoredResult>> {
    const found = new Map<string, StoredResult>();
    for (const chunk of chunks(keys, 2)) {
      if (chunk.length === 0) continue;
      const pairs = chunk.map(({ callerId, key }) => sql`(${callerId}, ${key})`);
      const rows = await db
        .selectFrom('pay_idempotency')
        .select(['caller_id', 'key', 'request_hash', 'result'])
        .where(sql<boolean>`(caller_id, key) IN (${sql.join(pairs)})`)
        .execute();
      for (const row of rows) found.set(`${row.caller_id} ${row.key}`, row);
    }
    return found;
  },

  /** Records keys with their results; a key another transaction recorded first fails the statement. */
  async insert(db: Executor, rows: { callerId: string; key: string; hash: string; result: string }[], now: number): Promise<void> {
    for (const chunk of chunks(rows, 5, bulkRows(db))) {
      await db
        .insertInto('pay_idempotency')
        .values(chunk.map((row) => ({ caller_id: row.callerId, key: row.key, request_hash: row.hash, result: row.result, created_at: now })))
        .execute();
    }
  },
};
