import { sql, SqliteAdapter, type Kysely, type RawBuilder } from 'kysely';
import { sqliteTransaction, type SqliteStatements } from './sqlite-direct';

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
 * `UPDATE table SET column = column + v.amount FROM (rows) AS v WHERE key = v.key RETURNING key,
 * column`: adds a different amount to each row, joined on the key, so the cost grows with the number
 * of rows rather than with rows × amounts as a CASE list does. SQLite (3.33+) and PostgreSQL alike;
 * returns each key's new value (see `joinRows`).
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
  if (amounts.size === 0) return out;
  const rows = [...amounts].map(([key, amount]) => {
    if (!Number.isSafeInteger(amount)) throw new Error('amounts must be integers');
    return { key, amount };
  });
  const { rows: updated } = await sql<{ key: string; value: number }>`UPDATE ${sql.table(table)}
    SET ${sql.ref(column)} = ${sql.ref(`${table}.${column}`)} + v.amount
    FROM ${joinRows(db, rows, { key: 'text', amount: 'bigint' }, 'v')}
    WHERE ${sql.ref(`${table}.${keyColumn}`)} = v.key
    RETURNING ${sql.ref(`${table}.${keyColumn}`)} AS key, ${sql.ref(`${table}.${column}`)} AS value`.execute(db);
  for (const row of updated) out.set(row.key, Number(row.value));
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

/** The SQL type of each column a bulk statement reads from JSON (a subset of the rows' keys). */
export type ColumnTypes<T> = { [K in keyof T & string]?: 'text' | 'bigint' | 'integer' };

function isSqlite(db: Kysely<any>): boolean { // eslint-disable-line @typescript-eslint/no-explicit-any
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/**
 * A FROM item `… AS alias` whose rows are `rows`, passed as ONE JSON parameter: SQLite reads it
 * with `json_each` and `->>`, PostgreSQL with `json_to_recordset`. However many rows a batch has,
 * the statement text is the same (SQLite reuses its prepared statement, PostgreSQL parses a short
 * text), nothing is built per row on our side but one native `JSON.stringify`, and no engine's
 * bound-parameter limit applies. Values are strings, safe integers or null; keys other than the
 * listed columns are ignored.
 */
export function jsonRows<T extends object>(
  db: Kysely<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
  rows: T[],
  types: ColumnTypes<T>,
  alias: string,
): RawBuilder<unknown> {
  const columns = Object.keys(types) as (keyof T & string)[];
  const json = JSON.stringify(rows);
  if (isSqlite(db)) {
    const picks = columns.map((column) => sql`value ->> ${sql.lit(column)} AS ${sql.ref(column)}`);
    return sql`(SELECT ${sql.join(picks)} FROM json_each(${json})) AS ${sql.ref(alias)}`;
  }
  const definitions = columns.map((column) => sql`${sql.ref(column)} ${sql.raw(types[column]!)}`);
  return sql`json_to_recordset(${json}::json) AS ${sql.ref(alias)}(${sql.join(definitions)})`;
}

/**
 * `jsonRows` for a FROM item that is joined to a table by key (UPDATE … FROM, SELECT … JOIN). On
 * PostgreSQL it is `unnest` of one array per column instead: the planner knows how many rows an
 * array constant holds, so it looks each row up by the key's index, where with `json_to_recordset`'s
 * fixed guess of 100 rows it would scan a whole table (every user, on each batch) to hash-join a
 * handful. Keys and numbers escape cheaply; long texts belong in inserts, through `jsonRows`.
 */
export function joinRows<T extends object>(
  db: Kysely<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
  rows: T[],
  types: ColumnTypes<T>,
  alias: string,
): RawBuilder<unknown> {
  if (isSqlite(db)) return jsonRows(db, rows, types, alias);
  const columns = Object.keys(types) as (keyof T & string)[];
  const arrays = columns.map((column) => sql`${rows.map((row) => row[column] ?? null)}::${sql.raw(types[column]!)}[]`);
  return sql`unnest(${sql.join(arrays)}) AS ${sql.ref(alias)}(${sql.join(columns.map((column) => sql.ref(column)))})`;
}

/**
 * `column` is one of `values`: on SQLite `IN` a `json_each` of one JSON parameter (one statement
 * text for any number of values), on PostgreSQL `= ANY` of one array parameter, which its planner
 * turns into index lookups even on a table it has not analysed yet.
 */
export function isAnyOf(
  db: Kysely<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
  column: string,
  values: string[],
): RawBuilder<boolean> {
  return isSqlite(db)
    ? sql<boolean>`${sql.ref(column)} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`
    : sql<boolean>`${sql.ref(column)} = ANY(${values}::text[])`;
}

/** Quotes a table or column name that our own code chose. */
function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** One prepared single-row INSERT run once per row, on the connection of the open SQLite transaction. */
function insertRowByRow<T extends object>(direct: SqliteStatements, table: string, columns: (keyof T & string)[], rows: T[]): void {
  const statement = direct.statement(
    `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  const values: unknown[] = new Array(columns.length);
  for (const row of rows) {
    for (let index = 0; index < columns.length; index++) values[index] = row[columns[index]!] ?? null;
    statement.run(...values);
  }
}

/**
 * Inserts many rows of one table. Inside a SQLite transaction: one prepared single-row INSERT run
 * per row directly on the connection, which costs SQLite half what reading the same rows out of a
 * JSON parameter does. Otherwise `INSERT … SELECT` from `jsonRows`: one fixed statement per table
 * whatever the number of rows, one round trip on PostgreSQL.
 */
export async function insertMany<T extends object>(
  // Any schema: the table and columns are named by the caller.
  db: Kysely<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
  table: string,
  rows: T[],
  types: ColumnTypes<T>,
): Promise<void> {
  if (rows.length === 0) return;
  const direct = sqliteTransaction(db);
  if (direct) {
    insertRowByRow(direct, table, Object.keys(types) as (keyof T & string)[], rows);
    return;
  }
  const columns = sql.join(Object.keys(types).map((column) => sql.ref(column)));
  await sql`INSERT INTO ${sql.table(table)} (${columns}) SELECT ${columns} FROM ${jsonRows(db, rows, types, 'r')}`.execute(db);
}
