import { SqliteDialect, type DialectAdapter, type Kysely, type SqliteDatabase } from 'kysely';

/** What bulk writers need of a better-sqlite3 connection: cached prepared statements run with positional values. */
export interface SqliteStatements {
  statement(text: string): { run(...values: unknown[]): unknown; get(...values: unknown[]): unknown };
}

const connections = new WeakMap<DialectAdapter, SqliteStatements>();

/**
 * Kysely's SQLite dialect that remembers which better-sqlite3 connection stands behind each Kysely
 * instance (keyed by its adapter, which every transaction of that instance shares).
 */
export class DirectSqliteDialect extends SqliteDialect {
  constructor(private readonly connection: SqliteDatabase & SqliteStatements) {
    super({ database: connection });
  }

  override createAdapter(): DialectAdapter {
    const adapter = super.createAdapter();
    connections.set(adapter, this.connection);
    return adapter;
  }
}

/**
 * The better-sqlite3 connection under `db` when `db` is a SQLite transaction, else undefined.
 * Kysely holds SQLite's one connection for the whole of a transaction, so statements run on it
 * directly belong to that transaction and to nothing else; outside a transaction they could land
 * in whichever transaction happens to be open, so none is handed out there. Running hundreds of
 * single-row statements directly costs a few microseconds each, where a statement through Kysely
 * costs tens and one bulk `json_each` statement makes SQLite parse JSON for every column.
 */
export function sqliteTransaction(db: Kysely<any>): SqliteStatements | undefined { // eslint-disable-line @typescript-eslint/no-explicit-any
  return db.isTransaction ? connections.get(db.getExecutor().adapter) : undefined;
}
