import { sql, SqliteAdapter, type Kysely, type Selectable } from 'kysely';
import { insertMany, isAnyOf, joinRows, jsonRows } from '../../platform/db/batch-sql';
import { sqliteTransaction } from '../../platform/db/sqlite-direct';
import type { LedgerAccountsTable, LedgerEntriesTable, LedgerHoldsTable, LedgerTransfersTable, Tables } from '../../platform/db/tables';

export type Executor = Kysely<Tables>;
export type AccountRow = Selectable<LedgerAccountsTable>;
export type TransferRow = Selectable<LedgerTransfersTable>;
export type EntryRow = Selectable<LedgerEntriesTable>;
export type HoldRow = Selectable<LedgerHoldsTable>;

/** Ledger rows. Entries and transfers are only ever inserted; the database refuses anything else. */
export const ledgerRepository = {
  findAccount(db: Executor, ownerKind: string, ownerId: string, currency: string): Promise<AccountRow | undefined> {
    return db
      .selectFrom('ledger_accounts')
      .selectAll()
      .where('owner_kind', '=', ownerKind)
      .where('owner_id', '=', ownerId)
      .where('currency', '=', currency)
      .executeTakeFirst();
  },

  findAccounts(db: Executor, ownerKind: string, ownerIds: string[], currency: string): Promise<AccountRow[]> {
    if (ownerIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('ledger_accounts')
      .selectAll()
      .where('owner_kind', '=', ownerKind)
      .where(isAnyOf(db, 'owner_id', ownerIds))
      .where('currency', '=', currency)
      .execute();
  },

  /** Inserts the accounts no concurrent caller created first; returns the ones it inserted. */
  async insertAccounts(db: Executor, rows: AccountRow[]): Promise<AccountRow[]> {
    if (rows.length === 0) return [];
    const source = jsonRows(
      db,
      rows,
      { id: 'text', owner_kind: 'text', owner_id: 'text', currency: 'text', balance: 'bigint', version: 'bigint', allow_negative: 'integer', created_at: 'bigint' },
      'r',
    );
    // `WHERE true` tells SQLite's parser that ON CONFLICT belongs to the INSERT, not to a join.
    const { rows: inserted } = await sql<AccountRow>`INSERT INTO ledger_accounts
        (id, owner_kind, owner_id, currency, balance, version, allow_negative, created_at)
      SELECT id, owner_kind, owner_id, currency, balance, version, allow_negative, created_at FROM ${source} WHERE true
      ON CONFLICT (owner_kind, owner_id, currency) DO NOTHING
      RETURNING *`.execute(db);
    return inserted;
  },

  findAccountById(db: Executor, id: string): Promise<AccountRow | undefined> {
    return db.selectFrom('ledger_accounts').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Creates the account unless a concurrent caller already did; returns whichever exists. */
  async ensureAccount(db: Executor, row: AccountRow): Promise<AccountRow> {
    await db
      .insertInto('ledger_accounts')
      .values(row)
      .onConflict((conflict) => conflict.columns(['owner_kind', 'owner_id', 'currency']).doNothing())
      .execute();
    const account = await ledgerRepository.findAccount(db, row.owner_kind, row.owner_id, row.currency);
    if (!account) throw new Error('ledger account vanished after insert');
    return account;
  },

  /**
   * Reads accounts and, on PostgreSQL, locks their rows until the transaction ends, in id order so
   * that transactions sharing accounts queue instead of deadlocking. SQLite has one writer: a
   * write transaction already excludes every other, and a batch's hundreds of accounts are read
   * one prepared point lookup at a time on the transaction's connection.
   */
  async lockAccounts(db: Executor, ids: string[]): Promise<AccountRow[]> {
    if (ids.length === 0) return [];
    const sorted = [...new Set(ids)].sort();
    const direct = sqliteTransaction(db);
    if (direct) {
      const find = direct.statement('SELECT * FROM ledger_accounts WHERE id = ?');
      return sorted.flatMap((id) => (find.get(id) as AccountRow | undefined) ?? []);
    }
    const query = db.selectFrom('ledger_accounts').selectAll().where(isAnyOf(db, 'id', sorted)).orderBy('id');
    return db.getExecutor().adapter instanceof SqliteAdapter ? query.execute() : query.forUpdate().execute();
  },

  /**
   * Writes each account's new balance and version, worked out under its lock, in one
   * `UPDATE … FROM` joined on the primary key (SQLite 3.33+ and PostgreSQL alike), so a batch
   * touching a thousand accounts costs one indexed statement rather than a thousand.
   */
  /** Writes each account's new balance, version and spending of the day, in one statement per batch. */
  async setBalances(db: Executor, rows: Pick<AccountRow, 'id' | 'balance' | 'version' | 'spent_day' | 'spent_today'>[]): Promise<void> {
    if (rows.length === 0) return;
    const direct = sqliteTransaction(db);
    if (direct) {
      const update = direct.statement('UPDATE ledger_accounts SET balance = ?, version = ?, spent_day = ?, spent_today = ? WHERE id = ?');
      for (const row of rows) update.run(row.balance, row.version, row.spent_day, row.spent_today, row.id);
      return;
    }
    await sql`UPDATE ledger_accounts SET balance = v.balance, version = v.version, spent_day = v.spent_day, spent_today = v.spent_today
      FROM ${joinRows(db, rows, { id: 'text', balance: 'bigint', version: 'bigint', spent_day: 'bigint', spent_today: 'bigint' }, 'v')}
      WHERE ledger_accounts.id = v.id`.execute(db);
  },

  async insertTransfers(db: Executor, rows: TransferRow[]): Promise<void> {
    await insertMany(db, 'ledger_transfers', rows, {
      id: 'text',
      kind: 'text',
      currency: 'text',
      amount: 'bigint',
      memo: 'text',
      reference_id: 'text',
      conversation_id: 'text',
      hold_id: 'text',
      created_at: 'bigint',
    });
  },

  async insertEntries(db: Executor, rows: EntryRow[]): Promise<void> {
    await insertMany(db, 'ledger_entries', rows, {
      account_id: 'text',
      version: 'bigint',
      transfer_id: 'text',
      amount: 'bigint',
      balance_after: 'bigint',
      kind: 'text',
      counterparty_id: 'text',
      created_at: 'bigint',
    });
  },

  async insertHolds(db: Executor, rows: HoldRow[]): Promise<void> {
    await insertMany(db, 'ledger_holds', rows, {
      id: 'text',
      group_id: 'text',
      share: 'integer',
      escrow_account_id: 'text',
      source_account_id: 'text',
      amount: 'bigint',
      status: 'text',
      expires_at: 'bigint',
      created_at: 'bigint',
      settled_at: 'bigint',
      settle_transfer_id: 'text',
      recipient_account_id: 'text',
    });
  },

  findHold(db: Executor, groupId: string, share: number): Promise<HoldRow | undefined> {
    return db.selectFrom('ledger_holds').selectAll().where('group_id', '=', groupId).where('share', '=', share).executeTakeFirst();
  },

  /** Moves a hold out of `open`; undefined if it was not open (already posted, voided). Exactly-once lives here. */
  settleHold(
    db: Executor,
    holdId: string,
    change: { status: 'posted' | 'voided'; settledAt: number; transferId: string; recipientAccountId: string },
  ): Promise<HoldRow | undefined> {
    return db
      .updateTable('ledger_holds')
      .set({
        status: change.status,
        settled_at: change.settledAt,
        settle_transfer_id: change.transferId,
        recipient_account_id: change.recipientAccountId,
      })
      .where('id', '=', holdId)
      .where('status', '=', 'open')
      .returningAll()
      .executeTakeFirst();
  },

  /** Voids every open hold of a group at once; returns the holds it voided. */
  voidOpenHolds(db: Executor, groupId: string, settledAt: number, transferId: string): Promise<HoldRow[]> {
    return db
      .updateTable('ledger_holds')
      .set({ status: 'voided', settled_at: settledAt, settle_transfer_id: transferId, recipient_account_id: sql`source_account_id` })
      .where('group_id', '=', groupId)
      .where('status', '=', 'open')
      .returningAll()
      .execute();
  },

  openHoldsOf(db: Executor, groupId: string): Promise<HoldRow[]> {
    return db.selectFrom('ledger_holds').selectAll().where('group_id', '=', groupId).where('status', '=', 'open').orderBy('share').execute();
  },

  /** Entries of one account, newest first, before a version. */
  entriesOf(db: Executor, accountId: string, beforeVersion: number, limit: number): Promise<EntryRow[]> {
    return db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('version', '<', beforeVersion)
      .orderBy('version', 'desc')
      .limit(limit)
      .execute();
  },
};
