import type { Clock } from '../../platform/clock';
import type { Executor } from './ledger.repository';
import { checkChains } from './reconciliation-chains';
import { Findings, type ReconciliationPhase, type ReconciliationProgress, type ReconciliationReport } from './reconciliation-report';
import { reconciliationRepository, type TimeRange } from './reconciliation.repository';

export interface ReconcileOptions {
  /** Check entries, transfers and holds created at or after this time (epoch ms). */
  from?: number;
  /** …and before this time. Without it, account rows are also checked against their last entry. */
  to?: number;
  /** How long past its expiry an open hold may stay before it is reported. */
  overdueGraceMs?: number;
  /** Rows read per query. */
  pageSize?: number;
  /** Mismatches (and warnings) listed in the report; all are counted. */
  listLimit?: number;
  onProgress?: (progress: ReconciliationProgress) => void;
}

/** An hour: the sweeper runs far more often, so a hold this late means it is not running. */
export const defaultOverdueGraceMs = 60 * 60 * 1000;

/**
 * Checks the ledger's books: account chains, balanced transfers, holds and their escrow accounts.
 * It only reads, in one snapshot (a REPEATABLE READ transaction on PostgreSQL, a read transaction
 * on SQLite's WAL), so it can run beside a live server and sees every table as of one moment.
 */
export class ReconciliationService {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
  ) {}

  async run(options: ReconcileOptions = {}): Promise<ReconciliationReport> {
    const range: TimeRange = { from: options.from, to: options.to };
    const pageSize = options.pageSize ?? 2000;
    const listLimit = options.listLimit ?? 200;
    const findings = new Findings(listLimit);
    const report = (phase: ReconciliationPhase, checked: number) =>
      options.onProgress?.({ phase, checked, mismatches: findings.mismatchCount });
    const checkedAt = this.clock.now();
    return this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (tx) => {
        const chains = await checkChains(tx, checkedAt, range, pageSize, findings, (totals) => report('accounts', totals.entries));
        if (chains.net !== 0) {
          findings.mismatch({
            code: 'range_unbalanced',
            expected: 0,
            actual: chains.net,
            message: `the ${chains.entries} entries checked sum to ${chains.net}, not 0`,
          });
        }
        const transfers = await checkTransfers(tx, range, pageSize, findings, (checked) => report('transfers', checked));
        const holds = await checkHolds(tx, range, pageSize, findings, (checked) => report('holds', checked));
        const escrowAccounts = await checkEscrows(tx, pageSize, findings, (checked) => report('escrow', checked));
        await checkOverdue(tx, checkedAt - (options.overdueGraceMs ?? defaultOverdueGraceMs), listLimit, findings);
        report('overdue', findings.warningCount);
        return {
          from: range.from ?? null,
          to: range.to ?? null,
          checkedAt,
          ok: findings.mismatchCount === 0,
          counts: { accounts: chains.accounts, entries: chains.entries, transfers, holds, escrowAccounts },
          entriesNet: chains.net,
          mismatchCount: findings.mismatchCount,
          mismatches: findings.mismatches,
          warningCount: findings.warningCount,
          warnings: findings.warnings,
        };
      });
  }
}

/** Every transfer's entries sum to zero, there are at least two, and its amount is their positive side. */
async function checkTransfers(db: Executor, range: TimeRange, pageSize: number, findings: Findings, onPage: (checked: number) => void): Promise<number> {
  let checked = 0;
  let after: string | null = null;
  for (;;) {
    const page = await reconciliationRepository.transferTotalsAfter(db, after, range, pageSize);
    for (const transfer of page) {
      if (transfer.legs < 2) {
        findings.mismatch({
          code: 'transfer_legs_missing',
          transferId: transfer.id,
          expected: 2,
          actual: transfer.legs,
          message: `transfer ${transfer.id} has ${transfer.legs} entries`,
        });
      }
      if (transfer.net !== 0) {
        findings.mismatch({
          code: 'transfer_unbalanced',
          transferId: transfer.id,
          expected: 0,
          actual: transfer.net,
          message: `the entries of transfer ${transfer.id} sum to ${transfer.net}`,
        });
      }
      if (transfer.legs > 0 && transfer.gross !== transfer.amount) {
        findings.mismatch({
          code: 'transfer_amount_wrong',
          transferId: transfer.id,
          expected: transfer.gross,
          actual: transfer.amount,
          message: `transfer ${transfer.id} records ${transfer.amount} but its credits sum to ${transfer.gross}`,
        });
      }
    }
    checked += page.length;
    onPage(checked);
    if (page.length < pageSize) return checked;
    after = page[page.length - 1]!.id;
  }
}

/** Every hold has a known status, draws on its group's escrow account, and names its settling transfer once settled. */
async function checkHolds(db: Executor, range: TimeRange, pageSize: number, findings: Findings, onPage: (checked: number) => void): Promise<number> {
  let checked = 0;
  let after: string | null = null;
  for (;;) {
    const page = await reconciliationRepository.holdsAfter(db, after, range, pageSize);
    for (const hold of page) {
      const status: string = hold.status;
      if (status !== 'open' && status !== 'posted' && status !== 'voided') {
        findings.mismatch({
          code: 'hold_status_invalid',
          holdId: hold.id,
          accountId: hold.escrow_account_id,
          actual: status,
          message: `hold ${hold.id} has status "${status}"`,
        });
      } else if (status === 'open' ? hold.settle_transfer_id !== null : hold.settle_transfer_found === null) {
        findings.mismatch({
          code: 'hold_settlement_wrong',
          holdId: hold.id,
          accountId: hold.escrow_account_id,
          transferId: hold.settle_transfer_id ?? undefined,
          expected: status === 'open' ? null : 'an existing transfer',
          actual: hold.settle_transfer_id,
          message:
            status === 'open'
              ? `open hold ${hold.id} names settling transfer ${hold.settle_transfer_id}`
              : `${status} hold ${hold.id} names settling transfer ${hold.settle_transfer_id ?? '(none)'}, which does not exist`,
        });
      }
      if (hold.escrow_owner_kind !== 'escrow' || hold.escrow_owner_id !== hold.group_id) {
        findings.mismatch({
          code: 'hold_escrow_wrong',
          holdId: hold.id,
          accountId: hold.escrow_account_id,
          expected: `escrow of ${hold.group_id}`,
          actual: hold.escrow_owner_kind === null ? null : `${hold.escrow_owner_kind} of ${hold.escrow_owner_id}`,
          message: `hold ${hold.id} of group ${hold.group_id} draws on account ${hold.escrow_account_id}, not its group's escrow`,
        });
      }
    }
    checked += page.length;
    onPage(checked);
    if (page.length < pageSize) return checked;
    after = page[page.length - 1]!.id;
  }
}

/** Each escrow account holds exactly its open holds: no more (money stuck) and no less (money lost). */
async function checkEscrows(db: Executor, pageSize: number, findings: Findings, onPage: (checked: number) => void): Promise<number> {
  let checked = 0;
  let after: string | null = null;
  for (;;) {
    const page = await reconciliationRepository.escrowTotalsAfter(db, after, pageSize);
    for (const escrow of page) {
      if (escrow.balance !== escrow.open) {
        findings.mismatch({
          code: 'escrow_balance_wrong',
          accountId: escrow.id,
          expected: escrow.open,
          actual: escrow.balance,
          message: `escrow account ${escrow.id} holds ${escrow.balance} but its open holds sum to ${escrow.open}`,
        });
      }
    }
    checked += page.length;
    onPage(checked);
    if (page.length < pageSize) return checked;
    after = page[page.length - 1]!.id;
  }
}

/** Open holds past their expiry by more than the grace: a warning, since the sweeper may simply be behind. */
async function checkOverdue(db: Executor, before: number, listLimit: number, findings: Findings): Promise<void> {
  const count = await reconciliationRepository.countOverdueHolds(db, before);
  if (count === 0) return;
  const holds = await reconciliationRepository.overdueHolds(db, before, listLimit);
  for (const hold of holds) {
    findings.warning({
      code: 'hold_overdue',
      holdId: hold.id,
      groupId: hold.group_id,
      expiresAt: hold.expires_at,
      amount: hold.amount,
      message: `hold ${hold.id} of group ${hold.group_id} (${hold.amount}) expired at ${new Date(hold.expires_at).toISOString()} and is still open`,
    });
  }
  // Count the ones not listed too.
  findings.warningCount += count - holds.length;
}
