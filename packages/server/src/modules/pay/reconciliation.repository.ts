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
   * Entries of some accounts (created in the range) in primary-key order: account, then version.
   * The caller compares account ids only for equality, so the database's collation decides the order.
   */
  entriesOf(db: Executor, accountIds: string[], cursor: EntryCursor | null, range: TimeRange, limit: number): Promise<EntryRow[]> {
    let query = db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('account_id', 'in', accountIds)
      .orderBy('account_id')
      .orderBy('version')
      .limit(limit);
    if (cursor) query = query.where(sql<boolean>`(account_id, version) > (${cursor.accountId}, ${cursor.version})`);
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

  /** Each transfer (created in the range) with the net sum, gross and number of its entries. */
  async transferTotalsAfter(db: Executor, afterId: string | null, range: TimeRange, limit: number): Promise<TransferTotals[]> {
    let query = db
      .selectFrom('ledger_transfers as t')
      .leftJoin('ledger_entries as e', 'e.transfer_id', 't.id')
      .select((eb) => [
        't.id',
        't.amount',
        eb.fn.sum<string | number | null>('e.amount').as('net'),
        eb.fn.sum<string | number | null>(sql`CASE WHEN e.amount > 0 THEN e.amount ELSE 0 END`).as('gross'),
        eb.fn.count<string | number>('e.account_id').as('legs'),
      ])
      .groupBy(['t.id', 't.amount'])
      .orderBy('t.id')
      .limit(limit);
    if (afterId !== null) query = query.where('t.id', '>', afterId);
    if (range.from !== undefined) query = query.where('t.created_at', '>=', range.from);
    if (range.to !== undefined) query = query.where('t.created_at', '<', range.to);
    const rows = await query.execute();
    return rows.map((row) => ({ id: row.id, amount: row.amount, net: toNumber(row.net), gross: toNumber(row.gross), legs: toNumber(row.legs) }));
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

  /** Each escrow account with its balance and the sum of the open holds drawing on it. */
  async escrowTotalsAfter(db: Executor, afterId: string | null, limit: number): Promise<EscrowTotals[]> {
    let query = db
      .selectFrom('ledger_accounts as a')
      // Joined by group (the escrow's owner), which the holds' unique (group, share) index serves.
      .leftJoin('ledger_holds as h', (join) =>
        join.onRef('h.group_id', '=', 'a.owner_id').onRef('h.escrow_account_id', '=', 'a.id').on('h.status', '=', 'open'),
      )
      .select((eb) => ['a.id', 'a.balance', eb.fn.sum<string | number | null>('h.amount').as('open')])
      .where('a.owner_kind', '=', 'escrow')
      .groupBy(['a.id', 'a.balance'])
      .orderBy('a.id')
      .limit(limit);
    if (afterId !== null) query = query.where('a.id', '>', afterId);
    const rows = await query.execute();
    return rows.map((row) => ({ id: row.id, balance: row.balance, open: toNumber(row.open) }));
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
