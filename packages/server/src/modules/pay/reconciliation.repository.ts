import { sql } from 'kysely';
import type { AccountRow, EntryRow, Executor, HoldRow } from './ledger.repository';

/** A half-open time range [from, to) in epoch milliseconds; a missing end is unbounded. */
export interface TimeRange {
  from?: number;
  to?: number;
}

/** Where a page of entries resumes: after this (account, version) in primary-key order. */
export interface EntryCursor {
  accountId: string;
  version: number;
}

export interface TransferTotals {
  id: string;
  amount: number;
  net: number;
  gross: number;
  legs: number;
}

export interface HoldCheckRow extends HoldRow {
  /** Owner of the hold's escrow account, to check it belongs to the hold's group. */
  escrow_owner_kind: string | null;
  escrow_owner_id: string | null;
  /** Whether the transfer named as settling the hold exists. */
  settle_transfer_found: string | null;
}

export interface EscrowTotals {
  id: string;
  balance: number;
  open: number;
}

// PostgreSQL returns SUM(bigint) as numeric, which pg hands over as a string.
function toNumber(value: string | number | bigint | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/**
 * Reads for the reconciliation: every query pages by key so a run over millions of rows holds
 * one page at a time, and reads the same on SQLite and PostgreSQL.
 */
export const reconciliationRepository = {
  accountsAfter(db: Executor, afterId: string | null, limit: number): Promise<AccountRow[]> {
    let query = db.selectFrom('ledger_accounts').selectAll().orderBy('id').limit(limit);
    if (afterId !== null) query = query.where('id', '>', afterId);
    return query.execute();
  },

  /**
   * Entries of the accounts from `firstId` to `lastId` (created in the range) in primary-key order:
   * account, then version. A range of the primary key rather than a list of ids, so each page is one
   * index range scan on both engines; the database's own collation orders the ids.
   */
  entriesOf(
    db: Executor,
    accounts: { firstId: string; lastId: string },
    cursor: EntryCursor | null,
    range: TimeRange,
    limit: number,
  ): Promise<EntryRow[]> {
    let query = db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('account_id', '<=', accounts.lastId)
      .orderBy('account_id')
      .orderBy('version')
      .limit(limit);
    query = cursor
      ? query.where(sql<boolean>`(account_id, version) > (${cursor.accountId}, ${cursor.version})`)
      : query.where('account_id', '>=', accounts.firstId);
    if (range.from !== undefined) query = query.where('created_at', '>=', range.from);
    if (range.to !== undefined) query = query.where('created_at', '<', range.to);
    return query.execute();
  },

  /** One account's entries with versions strictly between two, oldest first: what a range skipped. */
  entriesBetween(db: Executor, accountId: string, afterVersion: number, beforeVersion: number, limit: number): Promise<EntryRow[]> {
    return db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('version', '>', afterVersion)
      .where('version', '<', beforeVersion)
      .orderBy('version')
      .limit(limit)
      .execute();
  },

  /**
   * Each transfer (created in the range) with the net sum, gross and number of its entries. Two
   * plain queries, a page of transfers by key and then their entries by the transfer index, so
   * neither engine aggregates more than the page.
   */
  async transferTotalsAfter(db: Executor, afterId: string | null, range: TimeRange, limit: number): Promise<TransferTotals[]> {
    let query = db.selectFrom('ledger_transfers').select(['id', 'amount']).orderBy('id').limit(limit);
    if (afterId !== null) query = query.where('id', '>', afterId);
    if (range.from !== undefined) query = query.where('created_at', '>=', range.from);
    if (range.to !== undefined) query = query.where('created_at', '<', range.to);
    const transfers = await query.execute();
    if (transfers.length === 0) return [];
    const sums = await db
      .selectFrom('ledger_entries')
      .select((eb) => [
        'transfer_id',
        eb.fn.sum<string | number>('amount').as('net'),
        eb.fn.sum<string | number>(sql`CASE WHEN amount > 0 THEN amount ELSE 0 END`).as('gross'),
        eb.fn.countAll<string | number>().as('legs'),
      ])
      .where(
        'transfer_id',
        'in',
        transfers.map((transfer) => transfer.id),
      )
      .groupBy('transfer_id')
      .execute();
    const byTransfer = new Map(sums.map((row) => [row.transfer_id, row]));
    return transfers.map((transfer) => {
      const sum = byTransfer.get(transfer.id);
      return { id: transfer.id, amount: transfer.amount, net: toNumber(sum?.net), gross: toNumber(sum?.gross), legs: toNumber(sum?.legs) };
    });
  },

  /** Holds (created in the range) with their escrow account's owner and whether their settling transfer exists. */
  holdsAfter(db: Executor, afterId: string | null, range: TimeRange, limit: number): Promise<HoldCheckRow[]> {
    let query = db
      .selectFrom('ledger_holds as h')
      .leftJoin('ledger_accounts as a', 'a.id', 'h.escrow_account_id')
      .leftJoin('ledger_transfers as t', 't.id', 'h.settle_transfer_id')
      .selectAll('h')
      .select(['a.owner_kind as escrow_owner_kind', 'a.owner_id as escrow_owner_id', 't.id as settle_transfer_found'])
      .orderBy('h.id')
      .limit(limit);
    if (afterId !== null) query = query.where('h.id', '>', afterId);
    if (range.from !== undefined) query = query.where('h.created_at', '>=', range.from);
    if (range.to !== undefined) query = query.where('h.created_at', '<', range.to);
    return query.execute();
  },

  /** Each escrow account with its balance and the sum of the open holds drawing on it; a page of accounts, then their holds. */
  async escrowTotalsAfter(db: Executor, afterId: string | null, limit: number): Promise<EscrowTotals[]> {
    let query = db.selectFrom('ledger_accounts').select(['id', 'owner_id', 'balance']).where('owner_kind', '=', 'escrow').orderBy('id').limit(limit);
    if (afterId !== null) query = query.where('id', '>', afterId);
    const escrows = await query.execute();
    if (escrows.length === 0) return [];
    // By group (the escrow's owner), which the holds' unique (group, share) index serves; the status
    // is tested in the sum, not the WHERE, so no engine is tempted into the (status, expires_at) index.
    const sums = await db
      .selectFrom('ledger_holds')
      .select((eb) => ['escrow_account_id', eb.fn.sum<string | number>(sql`CASE WHEN status = 'open' THEN amount ELSE 0 END`).as('open')])
      .where(
        'group_id',
        'in',
        escrows.map((escrow) => escrow.owner_id),
      )
      .groupBy('escrow_account_id')
      .execute();
    const open = new Map(sums.map((row) => [row.escrow_account_id, toNumber(row.open)]));
    return escrows.map((escrow) => ({ id: escrow.id, balance: escrow.balance, open: open.get(escrow.id) ?? 0 }));
  },

  /** Open holds that expired before `before`, oldest first (the sweeper should have voided them). */
  overdueHolds(db: Executor, before: number, limit: number): Promise<HoldRow[]> {
    return db
      .selectFrom('ledger_holds')
      .selectAll()
      .where('status', '=', 'open')
      .where('expires_at', '<', before)
      .orderBy('expires_at')
      .orderBy('id')
      .limit(limit)
      .execute();
  },

  async countOverdueHolds(db: Executor, before: number): Promise<number> {
    const row = await db
      .selectFrom('ledger_holds')
      .select((eb) => eb.fn.countAll<string | number>().as('count'))
      .where('status', '=', 'open')
      .where('expires_at', '<', before)
      .executeTakeFirstOrThrow();
    return toNumber(row.count);
  },
};
