import { hash } from 'node:crypto';
import type { Clock } from '../../platform/clock';
import type { Executor } from './ledger.repository';
import { payErrors } from './pay.errors';

/**
 * JSON with object keys sorted, so equal requests hash equally whatever their key order. Built by
 * appending to one string (every money-moving call hashes its request); the text is exactly what
 * sorting `Object.entries` and joining gave before, so keys stored earlier still match.
 */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let index = 0; index < value.length; index++) {
      if (index > 0) out += ',';
      // As Array.prototype.join: an element with no JSON form (undefined) leaves its slot empty.
      out += canonical(value[index]) ?? '';
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonical(item)}`;
    first = false;
  }
  return `${out}}`;
}

export function requestHash(request: unknown): string {
  return hash('sha256', canonical(request));
}

/**
 * Runs a money-moving `work` at most once per (caller, key), inside the caller's transaction.
 * The key is claimed first: a concurrent duplicate waits on it (PostgreSQL's unique index, SQLite's
 * single writer) and then reads the first call's stored result. If `work` fails, the transaction
 * rolls back and takes the claim with it, so the key may be used again.
 */
export async function once<T>(db: Executor, clock: Clock, callerId: string, key: string, request: unknown, work: () => Promise<T>): Promise<T> {
  const hash = requestHash(request);
  const claimed = await db
    .insertInto('pay_idempotency')
    .values({ caller_id: callerId, key, request_hash: hash, result: null, created_at: clock.now() })
    .onConflict((conflict) => conflict.columns(['caller_id', 'key']).doNothing())
    .returning('caller_id')
    .executeTakeFirst();
  if (!claimed) {
    const first = await db
      .selectFrom('pay_idempotency')
      .select(['request_hash', 'result'])
      .where('caller_id', '=', callerId)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    if (first.request_hash !== hash) throw payErrors.idempotencyKeyReused();
    if (first.result === null) throw new Error('idempotency key claimed without a result');
    return JSON.parse(first.result) as T;
  }
  const result = await work();
  await db
    .updateTable('pay_idempotency')
    .set({ result: JSON.stringify(result) })
    .where('caller_id', '=', callerId)
    .where('key', '=', key)
    .execute();
  return result;
}
