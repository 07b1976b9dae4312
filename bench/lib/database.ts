import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Where the benchmark's PostgreSQL databases are created; the bench drops each one after its run. */
const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  /** Value for TESSERA_DATABASE_URL, or undefined to let the server use its SQLite file in the data dir. */
  url: string | undefined;
  drop(): Promise<void>;
  /** Transactions committed in this database so far (PostgreSQL's statistics, which lag up to a second); undefined on SQLite. */
  commits(): Promise<number | undefined>;
}

async function admin(sql: string, parameters: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(sql, parameters);
  } finally {
    await client.end();
  }
}

/** A fresh PostgreSQL database, or the server's default SQLite file (WAL) in its fresh data dir. */
export async function createBenchDatabase(engine: 'sqlite' | 'postgres'): Promise<BenchDatabase> {
  if (engine === 'sqlite') return { url: undefined, drop: async () => {}, commits: async () => undefined };
  const name = `tessera_bench_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
    commits: async () => {
      const result = await admin('SELECT xact_commit FROM pg_stat_database WHERE datname = $1', [name]);
      return Number((result.rows[0] as { xact_commit: string } | undefined)?.xact_commit ?? 0);
    },
  };
}
