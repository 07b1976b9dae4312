import type { MonthlySummary, Movement, MovementKind, Statement, StatementQuery, Wallet } from '@tessera/protocol';
import type { Database } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { ledgerRepository, type Executor } from './ledger.repository';
import { statementRepository, type MovementRow } from './statement.repository';
import type { WalletService } from './wallet.service';

/** A statement row as the wallet's owner sees it. */
export function presentMovement(row: MovementRow, testMoney: boolean): Movement {
  return {
    id: row.transfer_id,
    kind: row.kind as MovementKind,
    amount: row.amount,
    balanceAfter: row.balance_after,
    currency: row.currency,
    at: new Date(row.created_at).toISOString(),
    memo: row.memo,
    counterpartyId: row.counterparty_id,
    conversationId: row.conversation_id,
    referenceId: row.reference_id,
    testMoney,
  };
}

/** Cursors are account versions: positive whole numbers, sent as strings. */
function cursorVersion(before: string | undefined): number | undefined {
  if (before === undefined) return undefined;
  if (!/^[1-9][0-9]{0,15}$/.test(before)) throw new AppError('validation_failed', 'before: not a statement cursor');
  return Number(before);
}

/** [start, end) of a YYYY-MM month in UTC, in milliseconds. */
export function monthRange(month: string): { from: number; to: number } {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return { from: Date.UTC(year, monthNumber - 1, 1), to: Date.UTC(year, monthNumber, 1) };
}

/** The read side of a wallet: the balance, the statement and monthly totals. */
export class StatementService {
  constructor(
    private readonly db: Database,
    private readonly wallets: WalletService,
  ) {}

  wallet(userId: string): Promise<Wallet> {
    return this.wallets.view(this.db, userId);
  }

  /** The wallet's movements, newest first, a page at a time. */
  async statement(userId: string, query: StatementQuery): Promise<Statement> {
    const beforeVersion = cursorVersion(query.before);
    const account = await ledgerRepository.findAccount(this.db, 'user', userId, this.wallets.currency);
    if (!account) return { movements: [], nextCursor: null };
    // One row more than asked says whether an older page exists.
    const rows = await statementRepository.list(
      this.db,
      account.id,
      {
        kind: query.kind,
        direction: query.direction,
        from: query.from === undefined ? undefined : Date.parse(query.from),
        to: query.to === undefined ? undefined : Date.parse(query.to),
        beforeVersion,
      },
      query.limit + 1,
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      movements: page.map((row) => presentMovement(row, this.wallets.testMoney)),
      nextCursor: rows.length > query.limit && last ? String(last.version) : null,
    };
  }

  /** Income, expense and per-kind totals of one UTC month. */
  async summary(userId: string, month: string): Promise<MonthlySummary> {
    const summary: MonthlySummary = { month, currency: this.wallets.currency, income: 0, expense: 0, byKind: {}, count: 0 };
    const account = await ledgerRepository.findAccount(this.db, 'user', userId, this.wallets.currency);
    if (!account) return summary;
    const { from, to } = monthRange(month);
    for (const total of await statementRepository.totals(this.db, account.id, from, to)) {
      summary.income += total.income;
      summary.expense += total.expense;
      summary.count += total.count;
      summary.byKind[total.kind as MovementKind] = total.net;
    }
    return summary;
  }

  /** The movement a transfer made on a wallet account, read inside the caller's transaction. */
  async movement(db: Executor, accountId: string, transferId: string): Promise<Movement> {
    const row = await statementRepository.find(db, accountId, transferId);
    if (!row) throw new Error(`no entry of transfer ${transferId} on account ${accountId}`);
    return presentMovement(row, this.wallets.testMoney);
  }
}
