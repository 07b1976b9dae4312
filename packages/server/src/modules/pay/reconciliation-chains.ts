import type { AccountRow, EntryRow, Executor } from './ledger.repository';
import { countSpending, dayMs, dayOf, spentOn } from './ledger.service';
import type { Findings } from './reconciliation-report';
import { reconciliationRepository, type EntryCursor, type TimeRange } from './reconciliation.repository';

/** Where an account's chain stands: the last entry's version and balance_after seen. */
interface ChainState {
  version: number;
  balance: number;
  /** Entries of the range seen for this account, and their sum. */
  count: number;
  sum: number;
  /** The UTC day of the last spending entry seen, and what the account paid out on that day. */
  spentDay?: number;
  spent?: number;
}

export interface ChainTotals {
  accounts: number;
  entries: number;
  net: number;
}

/**
 * Walks the accounts a page at a time and, for each page, its accounts' entries in (account,
 * version) order, and checks each account's chain: versions 1, 2, 3… and each balance_after the one
 * before plus the amount; then that the account row agrees with its last entry (and, over the whole
 * history, with the sum of its entries). With a range, each account's chain starts from the last
 * entry before it. Only one page of accounts and one of entries is in memory at a time.
 */
export async function checkChains(
  db: Executor,
  now: number,
  range: TimeRange,
  pageSize: number,
  findings: Findings,
  onPage: (totals: ChainTotals) => void,
): Promise<ChainTotals> {
  const totals: ChainTotals = { accounts: 0, entries: 0, net: 0 };
  const bounded = range.from !== undefined || range.to !== undefined;
  let afterAccount: string | null = null;
  for (;;) {
    const accounts = await reconciliationRepository.accountsAfter(db, afterAccount, pageSize);
    if (accounts.length === 0) break;
    afterAccount = accounts[accounts.length - 1]!.id;
    const byId = new Map(accounts.map((account) => [account.id, account]));
    const states = new Map<string, ChainState>();
    let cursor: EntryCursor | null = null;
    for (;;) {
      const entries = await reconciliationRepository.entriesOf(db, { firstId: accounts[0]!.id, lastId: afterAccount }, cursor, range, pageSize);
      for (const entry of entries) {
        totals.entries++;
        totals.net += entry.amount;
        // The foreign key guarantees every entry an account; none can fall between the page's ids unseen.
        if (!byId.has(entry.account_id)) continue;
        let state = states.get(entry.account_id);
        if (!state) {
          state = await startOf(db, range, entry, findings);
          states.set(entry.account_id, state);
        }
        if (entry.version !== state.version + 1) await bridge(db, range, pageSize, state, entry, findings);
        follow(state, entry, findings);
        state.count++;
        state.sum += entry.amount;
      }
      if (entries.length < pageSize) break;
      const last = entries[entries.length - 1]!;
      cursor = { accountId: last.account_id, version: last.version };
      onPage(totals);
    }
    for (const account of accounts) {
      const state = states.get(account.id);
      if (!state && bounded) continue; // untouched in the range: a whole-history run checks it
      totals.accounts++;
      finish(account, state, range, now, findings);
    }
    onPage(totals);
    if (accounts.length < pageSize) break;
  }
  return totals;
}

/** The chain's state just before an account's first entry in the range. */
async function startOf(db: Executor, range: TimeRange, first: EntryRow, findings: Findings): Promise<ChainState> {
  if (range.from === undefined || first.version <= 1) return { version: 0, balance: 0, count: 0, sum: 0 };
  const [previous] = await reconciliationRepository.entriesBetween(db, first.account_id, first.version - 2, first.version, 1);
  if (previous) return { version: previous.version, balance: previous.balance_after, count: 0, sum: 0 };
  findings.mismatch({
    code: 'version_gap',
    accountId: first.account_id,
    version: first.version,
    expected: first.version - 1,
    actual: null,
    message: `account ${first.account_id} has no entry ${first.version - 1} before entry ${first.version}`,
  });
  // Carry on from what this entry implies, so one gap is reported once.
  return { version: first.version - 1, balance: first.balance_after - first.amount, count: 0, sum: 0 };
}

/**
 * Versions jumped from `state` to `entry`. In a time range the missing entries may simply lie
 * outside it (a clock that stepped back): read them and chain through; whatever is still missing is a gap.
 */
async function bridge(db: Executor, range: TimeRange, pageSize: number, state: ChainState, entry: EntryRow, findings: Findings): Promise<void> {
  if (range.from !== undefined || range.to !== undefined) {
    while (entry.version > state.version + 1) {
      const skipped = await reconciliationRepository.entriesBetween(db, entry.account_id, state.version, entry.version, pageSize);
      if (skipped[0]?.version !== state.version + 1) break;
      for (const between of skipped) {
        if (between.version !== state.version + 1) break;
        follow(state, between, findings);
      }
    }
  }
  if (entry.version === state.version + 1) return;
  findings.mismatch({
    code: 'version_gap',
    accountId: entry.account_id,
    transferId: entry.transfer_id,
    version: entry.version,
    expected: state.version + 1,
    actual: entry.version,
    message: `account ${entry.account_id}: entry version ${entry.version} follows ${state.version}`,
  });
  state.version = entry.version - 1;
  state.balance = entry.balance_after - entry.amount;
}

/** Checks one entry against the chain so far and moves the chain onto it. */
function follow(state: ChainState, entry: EntryRow, findings: Findings): void {
  const expected = state.balance + entry.amount;
  if (entry.balance_after !== expected) {
    findings.mismatch({
      code: 'balance_after_wrong',
      accountId: entry.account_id,
      transferId: entry.transfer_id,
      version: entry.version,
      expected,
      actual: entry.balance_after,
      message: `account ${entry.account_id} entry ${entry.version}: balance_after ${entry.balance_after}, previous ${state.balance} + amount ${entry.amount} = ${expected}`,
    });
  }
  // Follow the recorded value so one bad entry is reported once, not on every entry after it.
  state.version = entry.version;
  state.balance = entry.balance_after;
  const counter = { spent_day: state.spentDay ?? -1, spent_today: state.spent ?? 0 };
  countSpending(counter, entry, dayOf(entry.created_at));
  if (counter.spent_day !== -1) {
    state.spentDay = counter.spent_day;
    state.spent = counter.spent_today;
  }
}

/**
 * The account row against its chain: balance and version as of the last entry, the sum over all
 * history, and what it paid out today (when the range holds all of today).
 */
function finish(account: AccountRow, state: ChainState | undefined, range: TimeRange, now: number, findings: Findings): void {
  if (account.allow_negative !== 1 && account.balance < 0) {
    findings.mismatch({
      code: 'balance_negative',
      accountId: account.id,
      expected: 0,
      actual: account.balance,
      message: `account ${account.id} may not go negative but holds ${account.balance}`,
    });
  }
  // A range that ends before now says nothing about the account's current row.
  if (range.to !== undefined) return;
  const last = state ?? { version: 0, balance: 0, count: 0, sum: 0 };
  if (account.balance !== last.balance) {
    findings.mismatch({
      code: 'balance_wrong',
      accountId: account.id,
      expected: last.balance,
      actual: account.balance,
      message: `account ${account.id}: balance ${account.balance}, last entry's balance_after ${last.balance}`,
    });
  }
  if (account.version !== last.version) {
    findings.mismatch({
      code: 'version_wrong',
      accountId: account.id,
      expected: last.version,
      actual: account.version,
      message: `account ${account.id}: version ${account.version}, last entry's version ${last.version}`,
    });
  }
  const today = dayOf(now);
  if (range.from === undefined || range.from <= today * dayMs) {
    const expected = state?.spentDay === today ? state.spent! : 0;
    const actual = spentOn(account, now);
    if (actual !== expected) {
      findings.mismatch({
        code: 'spent_today_wrong',
        accountId: account.id,
        expected,
        actual,
        message: `account ${account.id}: paid out ${actual} today by its row, ${expected} by its entries`,
      });
    }
  }
  if (range.from === undefined && account.balance !== last.sum) {
    findings.mismatch({
      code: 'balance_not_sum',
      accountId: account.id,
      expected: last.sum,
      actual: account.balance,
      message: `account ${account.id}: balance ${account.balance}, sum of its ${last.count} entries ${last.sum}`,
    });
  }
}
