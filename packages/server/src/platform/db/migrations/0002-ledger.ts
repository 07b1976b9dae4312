import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * The double-entry ledger and what stands on it: wallets, chat transfers, red packets, the
 * operator's audit log. Posted entries are append-only: triggers refuse UPDATE and DELETE.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ledger_accounts')
    .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
    .addColumn('owner_kind', 'varchar(16)', (column) => column.notNull())
    .addColumn('owner_id', 'varchar(40)', (column) => column.notNull())
    .addColumn('currency', 'varchar(3)', (column) => column.notNull())
    .addColumn('balance', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('version', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('allow_negative', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addUniqueConstraint('ledger_accounts_owner', ['owner_kind', 'owner_id', 'currency'])
    .addCheckConstraint('ledger_accounts_not_negative', sql`allow_negative = 1 OR balance >= 0`)
    .execute();

  await db.schema
    .createTable('ledger_transfers')
    .addColumn('id', 'varchar(32)', (column) => column.primaryKey())
    .addColumn('kind', 'varchar(32)', (column) => column.notNull())
    .addColumn('currency', 'varchar(3)', (column) => column.notNull())
    /** The gross amount moved (the sum of the positive legs). */
    .addColumn('amount', 'bigint', (column) => column.notNull())
    .addColumn('memo', 'varchar(200)', (column) => column.notNull().defaultTo(''))
    .addColumn('reference_id', 'varchar(40)')
    .addColumn('conversation_id', 'varchar(32)')
    .addColumn('hold_id', 'varchar(32)')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addCheckConstraint('ledger_transfers_positive', sql`amount > 0`)
    .execute();
  await db.schema.createIndex('ledger_transfers_created').on('ledger_transfers').columns(['created_at']).execute();

  await db.schema
    .createTable('ledger_entries')
    .addColumn('account_id', 'varchar(40)', (column) => column.notNull().references('ledger_accounts.id'))
    /** The account's version after this entry: 1, 2, 3… with no gaps. */
    .addColumn('version', 'bigint', (column) => column.notNull())
    .addColumn('transfer_id', 'varchar(32)', (column) => column.notNull().references('ledger_transfers.id'))
    .addColumn('amount', 'bigint', (column) => column.notNull())
    .addColumn('balance_after', 'bigint', (column) => column.notNull())
    /** What the movement is from this account's side (transfer_sent, red_packet_received…). */
    .addColumn('kind', 'varchar(32)', (column) => column.notNull())
    .addColumn('counterparty_id', 'varchar(40)')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('ledger_entries_pk', ['account_id', 'version'])
    .addCheckConstraint('ledger_entries_not_zero', sql`amount <> 0`)
    .execute();
  await db.schema.createIndex('ledger_entries_transfer').on('ledger_entries').columns(['transfer_id']).execute();
  await db.schema.createIndex('ledger_entries_account_time').on('ledger_entries').columns(['account_id', 'created_at']).execute();
  await forbidChanges(db, 'ledger_entries');
  await forbidChanges(db, 'ledger_transfers');

  await db.schema
    .createTable('ledger_holds')
    .addColumn('id', 'varchar(32)', (column) => column.primaryKey())
    /** The chat transfer or red packet the hold belongs to; `share` numbers a packet's shares from 0. */
    .addColumn('group_id', 'varchar(32)', (column) => column.notNull())
    .addColumn('share', 'integer', (column) => column.notNull())
    .addColumn('escrow_account_id', 'varchar(40)', (column) => column.notNull().references('ledger_accounts.id'))
    .addColumn('source_account_id', 'varchar(40)', (column) => column.notNull().references('ledger_accounts.id'))
    .addColumn('amount', 'bigint', (column) => column.notNull())
    .addColumn('status', 'varchar(8)', (column) => column.notNull())
    .addColumn('expires_at', 'bigint', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('settled_at', 'bigint')
    .addColumn('settle_transfer_id', 'varchar(32)')
    .addColumn('recipient_account_id', 'varchar(40)')
    .addUniqueConstraint('ledger_holds_group_share', ['group_id', 'share'])
    .addCheckConstraint('ledger_holds_positive', sql`amount > 0`)
    .addCheckConstraint('ledger_holds_status', sql`status IN ('open', 'posted', 'voided')`)
    .execute();
  await db.schema.createIndex('ledger_holds_open').on('ledger_holds').columns(['status', 'expires_at']).execute();

  await db.schema
    .createTable('pay_idempotency')
    .addColumn('caller_id', 'varchar(48)', (column) => column.notNull())
    .addColumn('key', 'varchar(64)', (column) => column.notNull())
    .addColumn('request_hash', 'varchar(64)', (column) => column.notNull())
    .addColumn('result', 'text')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('pay_idempotency_pk', ['caller_id', 'key'])
    .execute();

  await db.schema
    .createTable('pay_wallet_settings')
    .addColumn('user_id', 'varchar(32)', (column) => column.primaryKey().references('users.id'))
    .addColumn('password_hash', 'varchar(255)')
    .addColumn('failed_tries', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('locked_until', 'bigint')
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('pay_chat_transfers')
    .addColumn('id', 'varchar(32)', (column) => column.primaryKey())
    .addColumn('conversation_id', 'varchar(32)', (column) => column.notNull())
    .addColumn('sender_id', 'varchar(32)', (column) => column.notNull())
    .addColumn('receiver_id', 'varchar(32)', (column) => column.notNull())
    .addColumn('amount', 'bigint', (column) => column.notNull())
    .addColumn('currency', 'varchar(3)', (column) => column.notNull())
    .addColumn('note', 'varchar(200)', (column) => column.notNull())
    .addColumn('status', 'varchar(10)', (column) => column.notNull())
    .addColumn('return_reason', 'varchar(10)')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('expires_at', 'bigint', (column) => column.notNull())
    .addColumn('settled_at', 'bigint')
    .execute();

  await db.schema
    .createTable('pay_red_packets')
    .addColumn('id', 'varchar(32)', (column) => column.primaryKey())
    .addColumn('conversation_id', 'varchar(32)', (column) => column.notNull())
    .addColumn('sender_id', 'varchar(32)', (column) => column.notNull())
    .addColumn('mode', 'varchar(8)', (column) => column.notNull())
    .addColumn('greeting', 'varchar(200)', (column) => column.notNull())
    .addColumn('amount', 'bigint', (column) => column.notNull())
    .addColumn('currency', 'varchar(3)', (column) => column.notNull())
    .addColumn('share_count', 'integer', (column) => column.notNull())
    .addColumn('claimed_count', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('claimed_amount', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('status', 'varchar(10)', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('expires_at', 'bigint', (column) => column.notNull())
    .addColumn('ended_at', 'bigint')
    .addCheckConstraint('pay_red_packets_claims', sql`claimed_count <= share_count AND claimed_amount <= amount`)
    .execute();

  await db.schema
    .createTable('pay_red_packet_claims')
    .addColumn('packet_id', 'varchar(32)', (column) => column.notNull())
    .addColumn('user_id', 'varchar(32)', (column) => column.notNull())
    .addColumn('share', 'integer', (column) => column.notNull())
    .addColumn('amount', 'bigint', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('pay_red_packet_claims_pk', ['packet_id', 'user_id'])
    .addUniqueConstraint('pay_red_packet_claims_share', ['packet_id', 'share'])
    .execute();

  await db.schema
    .createTable('pay_audit_log')
    .addColumn('id', 'varchar(32)', (column) => column.primaryKey())
    .addColumn('actor', 'varchar(64)', (column) => column.notNull())
    .addColumn('action', 'varchar(32)', (column) => column.notNull())
    .addColumn('user_id', 'varchar(32)')
    .addColumn('amount', 'bigint')
    .addColumn('reason', 'varchar(200)', (column) => column.notNull())
    .addColumn('transfer_id', 'varchar(32)')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();
  await forbidChanges(db, 'pay_audit_log');
}

/** Posted rows are history: the database itself refuses to change or remove them. */
async function forbidChanges(db: Kysely<unknown>, table: string): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const event of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER ${table}_no_${event.toLowerCase()} BEFORE ${event} ON ${table} ` +
            `BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
        )
        .execute(db);
    }
    return;
  }
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION ${table}_append_only() RETURNS trigger AS $$ ` +
        `BEGIN RAISE EXCEPTION '${table} is append-only' USING ERRCODE = 'raise_exception'; END $$ LANGUAGE plpgsql`,
    )
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`)
    .execute(db);
}
