/** What a reconciliation can find wrong, by stable code. */
export type MismatchCode =
  /** An account's entry versions skip or repeat a number. */
  | 'version_gap'
  /** An entry's balance_after is not the previous balance_after plus its amount. */
  | 'balance_after_wrong'
  /** An account's balance is not its last entry's balance_after. */
  | 'balance_wrong'
  /** An account's version is not its last entry's version. */
  | 'version_wrong'
  /** An account's balance is not the sum of all its entries. */
  | 'balance_not_sum'
  /** What an account's row says it paid out today is not the sum of today's spending entries. */
  | 'spent_today_wrong'
  /** An account that may not go negative is. */
  | 'balance_negative'
  /** A transfer's entries do not sum to zero. */
  | 'transfer_unbalanced'
  /** A transfer has fewer than two entries. */
  | 'transfer_legs_missing'
  /** A transfer's recorded amount is not the sum of its positive entries. */
  | 'transfer_amount_wrong'
  /** All entries of the range together do not sum to zero. */
  | 'range_unbalanced'
  /** A hold's status is not open, posted or voided. */
  | 'hold_status_invalid'
  /** A posted or voided hold names no settling transfer, or one that does not exist; or an open hold names one. */
  | 'hold_settlement_wrong'
  /** A hold draws on an account that is not its group's escrow account. */
  | 'hold_escrow_wrong'
  /** An escrow account's balance is not the sum of its open holds. */
  | 'escrow_balance_wrong';

export interface Mismatch {
  code: MismatchCode;
  accountId?: string;
  transferId?: string;
  holdId?: string;
  /** The entry's version, for mismatches found on one entry. */
  version?: number;
  expected?: number | string | null;
  actual?: number | string | null;
  message: string;
}

/** Not a failure: something an operator should look at, such as a hold the sweeper has not voided. */
export interface Warning {
  code: 'hold_overdue';
  holdId: string;
  groupId: string;
  expiresAt: number;
  amount: number;
  message: string;
}

export interface ReconciliationCounts {
  accounts: number;
  entries: number;
  transfers: number;
  holds: number;
  escrowAccounts: number;
}

export interface ReconciliationReport {
  /** The range checked, epoch milliseconds, [from, to); null when unbounded. */
  from: number | null;
  to: number | null;
  checkedAt: number;
  /** True when nothing mismatched; warnings do not count. */
  ok: boolean;
  counts: ReconciliationCounts;
  /** The sum of every entry in the range: zero in a sound ledger. */
  entriesNet: number;
  /** How many mismatches were found; `mismatches` lists the first of them. */
  mismatchCount: number;
  mismatches: Mismatch[];
  warningCount: number;
  warnings: Warning[];
}

export type ReconciliationPhase = 'accounts' | 'transfers' | 'holds' | 'escrow' | 'overdue';

export interface ReconciliationProgress {
  phase: ReconciliationPhase;
  /** Rows checked so far in this phase (entries in the accounts phase). */
  checked: number;
  mismatches: number;
}

/** Collects findings, keeping the first `limit` of each kind so a badly broken ledger cannot exhaust memory. */
export class Findings {
  readonly mismatches: Mismatch[] = [];
  readonly warnings: Warning[] = [];
  mismatchCount = 0;
  warningCount = 0;

  constructor(private readonly limit: number) {}

  mismatch(mismatch: Mismatch): void {
    this.mismatchCount++;
    if (this.mismatches.length < this.limit) this.mismatches.push(mismatch);
  }

  warning(warning: Warning): void {
    this.warningCount++;
    if (this.warnings.length < this.limit) this.warnings.push(warning);
  }
}
