import type { Kysely } from 'kysely';

/**
 * Rate-limit buckets shared by every node on the database (`DatabaseRateLimiter`): the tokens left
 * and when they were counted, per limiter and key, and whether the last take got one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limit_buckets')
    .addColumn('key', 'varchar(200)', (column) => column.primaryKey())
    .addColumn('tokens', 'double precision', (column) => column.notNull())
    .addColumn('allowed', 'integer', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute();
}
