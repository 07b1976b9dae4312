import { sql } from 'kysely';
import { insertMany, joinRows } from '../../platform/db/batch-sql';
import { sqliteTransaction } from '../../platform/db/sqlite-direct';
import type { Executor } from './ledger.repository';

export interface StoredResult {
  caller_id: string;
  key: string;
  request_hash: string;
  result: string | null;
}

/** Idempotency keys in bulk, for the ledger's batched writer. */
export const idempotencyRepository = {
  /**
   * The stored keys among `keys`, by "caller key": one primary-key lookup per key, run one by one
   * inside a SQLite transaction, else joined from a list in one statement.
   */
  async find(db: Executor, keys: { callerId: string; key: string }[]): Promise<Map<string, StoredResult>> {
    const found = new Map<string, StoredResult>();
    if (keys.length === 0) return found;
    const direct = sqliteTransaction(db);
    if (direct) {
      const lookup = direct.statement('SELECT caller_id, key, request_hash, result FROM pay_idempotency WHERE caller_id = ? AND key = ?');
      for (const { callerId, key } of keys) {
        const row = lookup.get(callerId, key) as StoredResult | undefined;
        if (row) found.set(`${row.caller_id} ${row.key}`, row);
      }
      return found;
    }
    const { rows } = await sql<StoredResult>`SELECT p.caller_id, p.key, p.request_hash, p.result
      FROM ${joinRows(db, keys, { callerId: 'text', key: 'text' }, 'k')}
      JOIN pay_idempotency p ON p.caller_id = k.${sql.ref('callerId')} AND p.key = k.key`.execute(db);
    for (const row of rows) found.set(`${row.caller_id} ${row.key}`, row);
    return found;
  },

  /** Records keys with their results; a key another transaction recorded first fails the statement. */
  async insert(db: Executor, rows: { callerId: string; key: string; hash: string; result: string }[], now: number): Promise<void> {
    await insertMany(
      db,
      'pay_idempotency',
      rows.map((row) => ({ caller_id: row.callerId, key: row.key, request_hash: row.hash, result: row.result, created_at: now })),
      { caller_id: 'text', key: 'text', request_hash: 'text', result: 'text', created_at: 'bigint' },
    );
  },
};
