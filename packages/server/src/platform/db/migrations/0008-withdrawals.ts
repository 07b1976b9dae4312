import { sql, type Kysely } from 'kysely';

/**
 * Withdrawals as a provider carries them out: the money is held when the user asks, the provider
 * is asked outside any transaction (with the withdrawal's id as its idempotency key), and the hold
 * is then posted to the provider or returned to the wallet. A withdrawal the provider has not
 * answered for stays `pending`, and a sweeper asks again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pay_withdrawals')
    .addColumn('id', 'varchar(32)', (column) => column.primaryKey())
    .addColumn('user_id', 'varchar(32)', (column) => column.notNull())
    .addColumn('account_id', 'varchar(40)', (column) => column.notNull().references('ledger_accounts.id'))
    .addColumn('amount', 'bigint', (column) => column.notNull())
    .addColumn('currency', 'varchar(3)', (column) => column.notNull())
    .addColumn('status', 'varchar(10)', (column) => column.notNull())
    .addColumn('provider', 'varchar(32)', (column) => column.notNull())
    /** The ledger transfer that moved the money from the wallet into the hold. */
    .addColumn('hold_transfer_id', 'varchar(32)', (column) => column.notNull())
    .addColumn('provider_reference', 'varchar(100)')
    .addColumn('failure', 'varchar(200)')
    /** How often the provider was asked without a definite answer. */
    .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('settled_at', 'bigint')
    .addCheckConstraint('pay_withdrawals_status', sql`status IN ('pending', 'succeeded', 'failed')`)
    .addCheckConstraint('pay_withdrawals_positive', sql`amount > 0`)
    .execute();
  await sql`CREATE INDEX pay_withdrawals_pending ON pay_withdrawals (created_at) WHERE status = 'pending'`.execute(db);
}
