import { sql, SqliteAdapter, type Kysely, type RawBuilder } from 'kysely';

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
 * `UPDATE table SET column = column + v.n FROM (VALUES (key, n), …) AS v WHERE key = v.key
 * RETURNING key, column`: adds a different amount to each row, joined on the key, so the cost grows
 * with the number of rows rather than with rows × amounts as a CASE list does. SQLite (3.33+) and
 * PostgreSQL alike; returns each key's new value.
 */
export async function addPerRowJoined(
  // Any schema: the table and columns are named by the caller.
  db: Kysely<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
  table: string,
  keyColumn: string,
  column: string,
  amounts: Map<string, number>,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const chunk of chunks([...amounts], 2, 5_000)) {
    const values = chunk.map(([key, amount]) => {
      if (!Number.isSafeInteger(amount)) throw new Error('amounts must be integers');
      return sql`(${key}, ${sql.lit(amount)})`;
    });
    const { rows } = await sql<{ key: string; value: number }>`UPDATE ${sql.table(table)}
      SET ${sql.ref(column)} = ${sql.ref(`${table}.${column}`)} + v.column2
      FROM (VALUES ${sql.join(values)}) AS v
      WHERE ${sql.ref(`${table}.${keyColumn}`)} = v.column1
      RETURNING ${sql.ref(`${table}.${keyColumn}`)} AS key, ${sql.ref(`${table}.${column}`)} AS value`.execute(db);
    for (const row of rows) out.set(row.key, Number(row.value));
  }
  return out;
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

/**
 * Rows per multi-row INSERT for bulk writes: on SQLite a fixed 128, so every full chunk has the same
 * SQL text and reuses its prepared statement; on PostgreSQL as many as the parameter limit allows,
 * since there each statement is a network round trip.
 */
// Any schema: only the adapter is read.
export function bulkRows(db: Kysely<any>): number { // eslint-disable-line @typescript-eslint/no-explicit-any
  return db.getExecutor().adapter instanceof SqliteAdapter ? 128 : Number.POSITIVE_INFINITY;
}

/** The PostgreSQL array type of each column a bulk insert writes. */
export type ColumnTypes<T> = { [K in keyof T & string]: 'text' | 'bigint' };

/**
 * Inserts many rows of one table. PostgreSQL gets one array per column (`INSERT … SELECT FROM
 * unnest(…)`): a handful of parameters however many rows, instead of one per value, which a large
 * batch would spend most of its time binding and parsing. SQLite gets multi-row INSERTs in chunks of
 * `bulkRows`, so it reuses their prepared statements.
 */
export async function insertMany<T extends object>(
  // Any schema: the table and columns are named by the caller.
  db: Kysely<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
  table: string,
  rows: T[],
  types: ColumnTypes<T>,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(types) as (keyof T & string)[];
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const chunk of chunks(rows, columns.length, bulkRows(db))) await db.insertInto(table).values(chunk).execute();
    return;
  }
  const arrays = columns.map((column) => sql`${rows.map((row) => row[column] ?? null)}::${sql.raw(types[column])}[]`);
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))})
    SELECT * FROM unnest(${sql.join(arrays)})`.execute(db);
}
