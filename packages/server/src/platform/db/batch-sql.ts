import { sql, type RawBuilder } from 'kysely';

/**
 * `column + CASE id WHEN … THEN n … END`: adds a different amount to each row in one portable
 * UPDATE (SQLite and PostgreSQL alike). Amounts are integers we computed, inlined as literals
 * so PostgreSQL need not guess a parameter type.
 */
export function addPerRow(column: string, keyColumn: string, amounts: Map<string, number>): RawBuilder<number> {
  const cases = [...amounts].map(([key, amount]) => {
    if (!Number.isSafeInteger(amount)) throw new Error('amounts must be integers');
    return sql`WHEN ${key} THEN ${sql.lit(amount)}`;
  });
  return sql<number>`${sql.ref(column)} + CASE ${sql.ref(keyColumn)} ${sql.join(cases, sql` `)} ELSE 0 END`;
}

/**
 * Splits rows so one INSERT stays under both databases' bound-parameter limits. With `maxRows`,
 * full chunks all have that many rows: the same SQL text each time, so SQLite reuses the prepared
 * statement instead of parsing a new multi-thousand-parameter one for every batch size.
 */
export function chunks<T>(rows: T[], columns: number, maxRows = Number.POSITIVE_INFINITY): T[][] {
  const size = Math.max(1, Math.min(maxRows, Math.floor(30_000 / columns)));
  const out: T[][] = [];
  for (let start = 0; start < rows.length; start += size) out.push(rows.slice(start, start + size));
  return out;
}
