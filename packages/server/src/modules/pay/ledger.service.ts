import type { Clock, Ids } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { ledgerRepository, type AccountRow, type EntryRow, type Executor, type HoldRow, type TransferRow } from './ledger.repository';
import { payErrors } from './pay.errors';

/** Kinds of account: a user's wallet, money held for one transfer or packet, and the two outside worlds. */
export type AccountKind = 'user' | 'escrow' | 'funding' | 'operator';

/** One side of a transfer: a signed amount on one account, named as that account's owner sees it. */
export interface Leg {
  accountId: string;
  amount: number;
  kind: string;
  counterpartyId?: string | null;
}

export interface PostSpec {
  kind: string;
  currency: string;
  memo?: string;
  referenceId?: string | null;
  conversationId?: string | null;
  holdId?: string | null;
  /** Set when a hold row already names the transfer that settles it. */
  transferId?: string;
  legs: Leg[];
}

export interface PostedEntry {
  accountId: string;
  amount: number;
  balanceAfter: number;
  version: number;
  kind: string;
}

export interface Posted {
  transferId: string;
  createdAt: number;
  entries: PostedEntry[];
}

export interface HoldSpec {
  sourceAccountId: string;
  currency: string;
  /** The chat transfer or red packet the holds belong to. */
  groupId: string;
  /** One amount per share; a chat transfer has one. */
  shares: number[];
  expiresAt: number;
  kind: string;
  memo?: string;
  conversationId?: string | null;
  counterpartyId?: string | null;
}

/** Largest amount the ledger moves in one leg: far below 2^53, so sums of many stay exact. */
export const maxAmount = 1_000_000_000_00;

function validAmount(amount: number): boolean {
  return Number.isSafeInteger(amount) && amount !== 0 && Math.abs(amount) <= maxAmount;
}

function checkAmount(amount: number): void {
  if (!validAmount(amount)) throw payErrors.amountInvalid('Amounts are non-zero integers in minor units');
}

/** Why a transfer cannot be posted against the running balances, or undefined if it can. */
function checkLegs(spec: PostSpec, accounts: Map<string, AccountRow>): AppError | undefined {
  if (spec.legs.length < 2) return payErrors.amountInvalid('A transfer needs at least two legs');
  if (new Set(spec.legs.map((leg) => leg.accountId)).size !== spec.legs.length) return payErrors.amountInvalid('Each account appears once in a transfer');
  let sum = 0;
  for (const leg of spec.legs) {
    if (!validAmount(leg.amount)) return payErrors.amountInvalid('Amounts are non-zero integers in minor units');
    sum += leg.amount;
  }
  if (sum !== 0) return payErrors.amountInvalid('The legs of a transfer must sum to zero');
  for (const leg of spec.legs) {
    const account = accounts.get(leg.accountId);
    if (!account) return payErrors.amountInvalid('No such ledger account');
    if (account.currency !== spec.currency) return payErrors.currencyMismatch();
    if (account.allow_negative !== 1 && account.balance + leg.amount < 0) return payErrors.insufficientFunds();
  }
  return undefined;
}

/** Movement kinds that count against a wallet's daily limit: money its owner pays out. */
export const spendingKinds: readonly string[] = ['transfer_sent', 'red_packet_sent', 'withdrawal'];
const spending = new Set(spendingKinds);
/** Money paid out that came back undone (a withdrawal the provider refused): it gives back that day's limit. */
export const spendingReturnKinds: readonly string[] = ['withdrawal_returned'];
const spendingReturns = new Set(spendingReturnKinds);

/**
 * Moves an account's spending of the day (`spent_day`, `spent_today`) on by one leg posted on
 * UTC day `day`: a spending debit adds to it (starting the day afresh), a return of spending on
 * the same day takes it back. Posting and reconciliation both count with this.
 */
export function countSpending(counter: { spent_day: number; spent_today: number }, leg: { amount: number; kind: string }, day: number): void {
  if (leg.amount < 0 && spending.has(leg.kind)) {
    if (counter.spent_day !== day) {
      counter.spent_day = day;
      counter.spent_today = 0;
    }
    counter.spent_today -= leg.amount;
  } else if (leg.amount > 0 && spendingReturns.has(leg.kind) && counter.spent_day === day) {
    counter.spent_today = Math.max(0, counter.spent_today - leg.amount);
  }
}

export const dayMs = 86_400_000;

/** UTC days since 1970: the day of `spent_day`. */
export function dayOf(time: number): number {
  return Math.floor(time / dayMs);
}

/** What the account paid out on the UTC day of `now`. */
export function spentOn(account: Pick<AccountRow, 'spent_day' | 'spent_today'>, now: number): number {
  return account.spent_day === dayOf(now) ? account.spent_today : 0;
}

/**
 * The double-entry ledger. Every method runs inside the caller's open transaction, so a payment
 * and what it means elsewhere (a chat message, a packet's state) commit together or not at all.
 */
export class Ledger {
  constructor(
    private readonly clock: Clock,
    private readonly ids: Ids,
  ) {}

  /** The account of an owner in a currency, created on first use. */
  async account(db: Executor, kind: AccountKind, ownerId: string, currency: string): Promise<AccountRow> {
    const existing = await ledgerRepository.findAccount(db, kind, ownerId, currency);
    if (existing) return existing;
    return ledgerRepository.ensureAccount(db, this.newAccount(kind, ownerId, currency));
  }

  private newAccount(kind: AccountKind, ownerId: string, currency: string): AccountRow {
    return {
      id: this.ids.next(),
      owner_kind: kind,
      owner_id: ownerId,
      currency,
      balance: 0,
      version: 0,
      // Funding and operator accounts stand for money outside Tessera; they go negative as it comes in.
      allow_negative: kind === 'funding' || kind === 'operator' ? 1 : 0,
      created_at: this.clock.now(),
      spent_day: 0,
      spent_today: 0,
    };
  }

  /** The accounts of many owners of one kind, created where missing; keyed by owner id. */
  async accounts(db: Executor, kind: AccountKind, ownerIds: string[], currency: string): Promise<Map<string, AccountRow>> {
    const unique = [...new Set(ownerIds)];
    const rows = await ledgerRepository.findAccounts(db, kind, unique, currency);
    if (rows.length < unique.length) {
      const have = new Set(rows.map((row) => row.owner_id));
      const missing = unique.filter((ownerId) => !have.has(ownerId));
      const inserted = await ledgerRepository.insertAccounts(db, missing.map((ownerId) => this.newAccount(kind, ownerId, currency)));
      rows.push(...inserted);
      // Whatever a concurrent caller created first, read as it committed.
      if (inserted.length < missing.length) {
        const made = new Set(inserted.map((row) => row.owner_id));
        rows.push(...(await ledgerRepository.findAccounts(db, kind, missing.filter((ownerId) => !made.has(ownerId)), currency)));
      }
    }
    return new Map(rows.map((row) => [row.owner_id, row]));
  }

  /**
   * Posts one balanced transfer; throws `insufficient_funds` (and the caller's transaction rolls
   * back) if an account would go below zero.
   */
  async post(db: Executor, spec: PostSpec): Promise<Posted> {
    const [result] = await this.postMany(db, [spec]);
    if (result instanceof AppError) throw result;
    return result!;
  }

  /**
   * Posts many transfers in one transaction with a fixed number of statements: the accounts are
   * locked and read once, each transfer is checked against the running balances in order (one
   * that would overdraw gets its own error and moves nothing), then every balance, version, transfer
   * and entry is written at once.
   */
  async postMany(db: Executor, specs: PostSpec[]): Promise<(Posted | AppError)[]> {
    const accounts = new Map(
      (await ledgerRepository.lockAccounts(db, specs.flatMap((spec) => spec.legs.map((leg) => leg.accountId)))).map((row) => [row.id, { ...row }]),
    );
    const createdAt = this.clock.now();
    const today = dayOf(createdAt);
    const touched = new Set<string>();
    const transfers: TransferRow[] = [];
    const rows: EntryRow[] = [];
    const results = specs.map((spec): Posted | AppError => {
      const problem = checkLegs(spec, accounts);
      if (problem) return problem;
      const transferId = spec.transferId ?? this.ids.next();
      const entries: PostedEntry[] = [];
      for (const leg of spec.legs) {
        const account = accounts.get(leg.accountId)!;
        account.balance += leg.amount;
        account.version += 1;
        countSpending(account, leg, today);
        touched.add(account.id);
        entries.push({ accountId: account.id, amount: leg.amount, balanceAfter: account.balance, version: account.version, kind: leg.kind });
        rows.push({
          account_id: account.id,
          version: account.version,
          transfer_id: transferId,
          amount: leg.amount,
          balance_after: account.balance,
          kind: leg.kind,
          counterparty_id: leg.counterpartyId ?? null,
          created_at: createdAt,
        });
      }
      transfers.push({
        id: transferId,
        kind: spec.kind,
        currency: spec.currency,
        amount: spec.legs.reduce((sum, leg) => sum + Math.max(0, leg.amount), 0),
        memo: spec.memo ?? '',
        reference_id: spec.referenceId ?? null,
        conversation_id: spec.conversationId ?? null,
        hold_id: spec.holdId ?? null,
        created_at: createdAt,
      });
      return { transferId, createdAt, entries };
    });
    await ledgerRepository.setBalances(
      db,
      [...touched].map((id) => {
        const account = accounts.get(id)!;
        return { id, balance: account.balance, version: account.version, spent_day: account.spent_day, spent_today: account.spent_today };
      }),
    );
    await ledgerRepository.insertTransfers(db, transfers);
    await ledgerRepository.insertEntries(db, rows);
    return results;
  }

  /**
   * Sets money aside: moves the total of `shares` from the source into a new escrow account of
   * the group, and records one open hold per share, each posted or voided later exactly once.
   */
  async hold(db: Executor, spec: HoldSpec): Promise<{ posted: Posted; escrow: AccountRow; holds: HoldRow[] }> {
    for (const share of spec.shares) {
      checkAmount(share);
      if (share < 0) throw payErrors.amountInvalid('Held amounts are positive');
    }
    const total = spec.shares.reduce((sum, share) => sum + share, 0);
    const escrow = await this.account(db, 'escrow', spec.groupId, spec.currency);
    const posted = await this.post(db, {
      kind: spec.kind,
      currency: spec.currency,
      memo: spec.memo ?? '',
      referenceId: spec.groupId,
      conversationId: spec.conversationId ?? null,
      legs: [
        { accountId: spec.sourceAccountId, amount: -total, kind: spec.kind, counterpartyId: spec.counterpartyId ?? null },
        { accountId: escrow.id, amount: total, kind: 'hold' },
      ],
    });
    const holds: HoldRow[] = spec.shares.map((amount, share) => ({
      id: this.ids.next(),
      group_id: spec.groupId,
      share,
      escrow_account_id: escrow.id,
      source_account_id: spec.sourceAccountId,
      amount,
      status: 'open',
      expires_at: spec.expiresAt,
      created_at: posted.createdAt,
      settled_at: null,
      settle_transfer_id: null,
      recipient_account_id: null,
    }));
    await ledgerRepository.insertHolds(db, holds);
    return { posted, escrow, holds };
  }

  /**
   * Pays one open hold to its recipient. Returns undefined, changing nothing, if the hold is no
   * longer open: a hold is posted or voided exactly once however many callers race for it.
   */
  async postHold(
    db: Executor,
    hold: HoldRow,
    recipientAccountId: string,
    spec: { kind: string; currency: string; memo?: string; conversationId?: string | null; counterpartyId?: string | null },
  ): Promise<Posted | undefined> {
    const transferId = this.ids.next();
    const settled = await ledgerRepository.settleHold(db, hold.id, {
      status: 'posted',
      settledAt: this.clock.now(),
      transferId,
      recipientAccountId,
    });
    if (!settled) return undefined;
    return this.post(db, {
      transferId,
      kind: spec.kind,
      currency: spec.currency,
      memo: spec.memo ?? '',
      referenceId: hold.group_id,
      conversationId: spec.conversationId ?? null,
      holdId: hold.id,
      legs: [
        { accountId: hold.escrow_account_id, amount: -hold.amount, kind: 'release' },
        { accountId: recipientAccountId, amount: hold.amount, kind: spec.kind, counterpartyId: spec.counterpartyId ?? null },
      ],
    });
  }

  /** Returns every open hold of a group to its source in one transfer; undefined if none was open. */
  async voidGroup(
    db: Executor,
    groupId: string,
    spec: { kind: string; currency: string; memo?: string; conversationId?: string | null; counterpartyId?: string | null },
  ): Promise<{ posted: Posted; holds: HoldRow[] } | undefined> {
    const transferId = this.ids.next();
    const holds = await ledgerRepository.voidOpenHolds(db, groupId, this.clock.now(), transferId);
    if (holds.length === 0) return undefined;
    const total = holds.reduce((sum, hold) => sum + hold.amount, 0);
    const first = holds[0]!;
    const posted = await this.post(db, {
      transferId,
      kind: spec.kind,
      currency: spec.currency,
      memo: spec.memo ?? '',
      referenceId: groupId,
      conversationId: spec.conversationId ?? null,
      holdId: holds.length === 1 ? first.id : null,
      legs: [
        { accountId: first.escrow_account_id, amount: -total, kind: 'release' },
        { accountId: first.source_account_id, amount: total, kind: spec.kind, counterpartyId: spec.counterpartyId ?? null },
      ],
    });
    return { posted, holds };
  }
}
