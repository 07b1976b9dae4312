import fc from 'fast-check';
import { maxAmount } from '../src/modules/pay';

/**
 * A ledger in a few lines of plain arithmetic, for the property test to hold the real one to:
 * user balances, the funding account, and each hold group's shares.
 */
export interface ModelGroup {
  source: number;
  expiresAt: number;
  shares: { amount: number; status: 'open' | 'posted' | 'voided' }[];
}

export class LedgerModel {
  readonly balances: number[];
  readonly groups: ModelGroup[] = [];

  constructor(
    users: number,
    public funding: number,
  ) {
    this.balances = Array.from({ length: users }, () => 0);
  }

  /** Open shares of a group, and their sum: what its escrow account holds. */
  escrow(group: ModelGroup): number {
    return group.shares.reduce((sum, share) => sum + (share.status === 'open' ? share.amount : 0), 0);
  }

  /** Returns the group's open shares to its source; false when none was open. */
  void(group: ModelGroup): boolean {
    const open = this.escrow(group);
    if (open === 0) return false;
    for (const share of group.shares) if (share.status === 'open') share.status = 'voided';
    this.balances[group.source]! += open;
    return true;
  }

  /** Open shares expired more than `grace` before `now`. */
  overdue(now: number, grace: number): number {
    return this.groups
      .filter((group) => group.expiresAt < now - grace)
      .reduce((count, group) => count + group.shares.filter((share) => share.status === 'open').length, 0);
  }
}

/** One step of a run. Indexes pick users and groups modulo how many exist, so any sequence is valid. */
export type Step =
  | { kind: 'top_up'; user: number; amount: number }
  | { kind: 'transfer'; from: number; to: number; amount: number }
  | { kind: 'overdraw'; from: number; to: number; extra: number }
  | { kind: 'hold'; user: number; shares: number[]; ttlMs: number }
  | { kind: 'post'; group: number; share: number; to: number }
  /** Posts a share that was already posted or voided: it must move nothing. */
  | { kind: 'post_again'; pick: number; to: number }
  | { kind: 'void'; group: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'sweep' }
  | { kind: 'bad_amount'; from: number; to: number; amount: number; unbalanced: boolean }
  | { kind: 'bad_share'; user: number; share: number };

export const users = 4;
const user = fc.nat({ max: users - 1 });
const other = fc.integer({ min: 1, max: users - 1 });
const hour = 60 * 60 * 1000;

/** Steps weighted so runs move real money, settle most holds and still try every failure. */
export const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('top_up' as const), user, amount: fc.integer({ min: 1, max: 5_000 }) }) },
  {
    weight: 5,
    arbitrary: fc
      .record({ from: user, offset: other, amount: fc.integer({ min: 1, max: 3_000 }) })
      .map(({ from, offset, amount }) => ({ kind: 'transfer' as const, from, to: (from + offset) % users, amount })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ from: user, offset: other, extra: fc.integer({ min: 1, max: 1_000 }) })
      .map(({ from, offset, extra }) => ({ kind: 'overdraw' as const, from, to: (from + offset) % users, extra })),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('hold' as const),
      user,
      shares: fc.array(fc.integer({ min: 1, max: 1_500 }), { minLength: 1, maxLength: 5 }),
      ttlMs: fc.integer({ min: 1, max: 3 * hour }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('post' as const), group: fc.nat(), share: fc.nat(), to: user }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('post_again' as const), pick: fc.nat(), to: user }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), group: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 3 * hour }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'sweep' as const }) },
  {
    weight: 1,
    arbitrary: fc
      .record({
        from: user,
        offset: other,
        amount: fc.constantFrom(0, 0.5, -0.25, maxAmount + 1, Number.MAX_SAFE_INTEGER + 2, Number.NaN, Number.POSITIVE_INFINITY),
        unbalanced: fc.boolean(),
      })
      .map(({ from, offset, amount, unbalanced }) => ({ kind: 'bad_amount' as const, from, to: (from + offset) % users, amount, unbalanced })),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bad_share' as const), user, share: fc.constantFrom(0, -5, 2.5, maxAmount + 1) }) },
);
