import { sql, type Kysely, type Selectable } from 'kysely';
import { chunks } from '../../platform/db/batch-sql';
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

  /** Holds the account's row until the transaction ends (PostgreSQL); SQLite's single writer needs none. */
  async lockAccount(db: Executor, accountId: string): Promise<void> {
    await db.updateTable('ledger_accounts').set({ balance: sql`balance` }).where('id', '=', accountId).execute();
  },

  /**
   * Adds `delta` to the balance and bumps the version, unless that would take an account that
   * may not go negative below zero: then nothing changes and the result is undefined.
   */
  async applyDelta(db: Executor, accountId: string, delta: number): Promise<{ balance: number; version: number; currency: string } | undefined> {
    return db
      .updateTable('ledger_accounts')
      .set({ balance: sql`balance + ${sql.lit(delta)}`, version: sql`version + 1` })
      .where('id', '=', accountId)
      .where(sql<boolean>`(allow_negative = 1 OR balance + ${sql.lit(delta)} >= 0)`)
      .returning(['balance', 'version', 'currency'])
      .executeTakeFirst();
  },

  async insertTransfer(db: Executor, row: TransferRow): Promise<void> {
    await db.insertInto('ledger_transfers').values(row).execute();
  },

  async insertEntries(db: Executor, rows: EntryRow[]): Promise<void> {
    for (const chunk of chunks(rows, 8)) await db.insertInto('ledger_entries').values(chunk).execute();
  },

  async insertHolds(db: Executor, rows: HoldRow[]): Promise<void> {
    for (const chunk of chunks(rows, 12)) await db.insertInto('ledger_holds').values(chunk).execute();
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
