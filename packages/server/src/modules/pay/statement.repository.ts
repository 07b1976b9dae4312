import type { MovementKind } from '@tessera/protocol';
import type { Executor } from './ledger.repository';

/** One entry of a wallet account with what its transfer says about it. */
export interface MovementRow {
  transfer_id: string;
  version: number;
  amount: number;
  balance_after: number;
  kind: string;
  counterparty_id: string | null;
  created_at: number;
  currency: string;
  memo: string;
  reference_id: string | null;
  conversation_id: string | null;
}

export interface MovementFilter {
  kind?: MovementKind | undefined;
  direction?: 'in' | 'out' | undefined;
  /** Milliseconds; from inclusive, to exclusive. */
  from?: number | undefined;
  to?: number | undefined;
  /** Only entries older than this account version. */
  beforeVersion?: number | undefined;
}

export interface KindTotal {
  kind: string;
  income: number;
  expense: number;
  net: number;
  count: number;
}

/** PostgreSQL sums BIGINT into NUMERIC, which arrives as a string; SQLite gives a number. */
function numberOf(value: number | string | null | undefined): number {
  return Number(value ?? 0);
}

function movements(db: Executor) {
  return db
    .selectFrom('ledger_entries as entry')
    .innerJoin('ledger_transfers as transfer', 'transfer.id', 'entry.transfer_id')
    .select([
      'entry.transfer_id',
      'entry.version',
      'entry.amount',
      'entry.balance_after',
      'entry.kind',
      'entry.counterparty_id',
      'entry.created_at',
      'transfer.currency',
      'transfer.memo',
      'transfer.reference_id',
      'transfer.conversation_id',
    ]);
}

/** Reads a wallet's movements: its account's ledger entries joined with their transfers. */
export const statementRepository = {
  /** Newest first (by account version), at most `limit`. */
  list(db: Executor, accountId: string, filter: MovementFilter, limit: number): Promise<MovementRow[]> {
    let query = movements(db).where('entry.account_id', '=', accountId);
    if (filter.kind !== undefined) query = query.where('entry.kind', '=', filter.kind);
    if (filter.direction === 'in') query = query.where('entry.amount', '>', 0);
    if (filter.direction === 'out') query = query.where('entry.amount', '<', 0);
    if (filter.from !== undefined) query = query.where('entry.created_at', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('entry.created_at', '<', filter.to);
    if (filter.beforeVersion !== undefined) query = query.where('entry.version', '<', filter.beforeVersion);
    return query.orderBy('entry.version', 'desc').limit(limit).execute();
  },

  /** The movement a transfer made on one account. */
  find(db: Executor, accountId: string, transferId: string): Promise<MovementRow | undefined> {
    return movements(db).where('entry.account_id', '=', accountId).where('entry.transfer_id', '=', transferId).executeTakeFirst();
  },

  /** Totals per kind of the account's entries in [from, to). */
  async totals(db: Executor, accountId: string, from: number, to: number): Promise<KindTotal[]> {
    const rows = await db
      .selectFrom('ledger_entries')
      .select((eb) => [
        'kind',
        eb.fn.sum<number | string | null>(eb.case().when('amount', '>', 0).then(eb.ref('amount')).else(0).end()).as('income'),
        eb.fn.sum<number | string | null>(eb.case().when('amount', '<', 0).then(eb.ref('amount')).else(0).end()).as('expense'),
        eb.fn.sum<number | string | null>('amount').as('net'),
        eb.fn.countAll<number | string>().as('count'),
      ])
      .where('account_id', '=', accountId)
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .groupBy('kind')
      .orderBy('kind')
      .execute();
    return rows.map((row) => ({
      kind: row.kind,
      income: numberOf(row.income),
      expense: -numberOf(row.expense),
      net: numberOf(row.net),
      count: numberOf(row.count),
    }));
  },
};
