import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../src/platform/errors';
import { ReconciliationService, ledgerRepository, type Leg } from '../src/modules/pay';
import { engines } from './databases';
import { openLedger, type LedgerFixture } from './ledger-support';

const currency = 'CNY';

/** 'ok', or the code of a typed error; anything else (a deadlock, a serialisation failure) fails the test. */
function settle(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'ok',
    (error: unknown) => {
      if (error instanceof AppError) return error.code;
      throw error;
    },
  );
}

/** A fixed pseudo-random sequence, so a failure replays exactly. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function tally(outcomes: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
  return counts;
}

describe.each(engines)('ledger under concurrency on %s', (engine) => {
  let fixture: LedgerFixture;
  afterEach(async () => fixture?.close());

  const post = (legs: Leg[]) => settle(fixture.db.transaction().execute((tx) => fixture.ledger.post(tx, { kind: 'transfer', currency, legs })));
  const balance = async (id: string) => (await ledgerRepository.findAccountById(fixture.db, id))!.balance;

  it('transfers in opposite directions among a few accounts finish without deadlocks and reconcile', async () => {
    fixture = await openLedger(engine);
    const accounts = await Promise.all(['a', 'b', 'c', 'd'].map((name) => fixture.wallet(name, 5_000)));
    const random = sequence(7);
    const pick = () => Math.floor(random() * accounts.length);
    const transfers = Array.from({ length: 240 }, (_, index) => {
      const from = pick();
      const to = (from + 1 + Math.floor(random() * (accounts.length - 1))) % accounts.length;
      const amount = 1 + Math.floor(random() * 400);
      if (index % 4 === 3) {
        // Three legs, listed in an order that differs from the others', as a hand-written posting might.
        const third = (to + 1) % accounts.length === from ? (from + 1) % accounts.length : (to + 1) % accounts.length;
        return [
          { accountId: accounts[third]!, amount, kind: 'transfer_received' },
          { accountId: accounts[to]!, amount, kind: 'transfer_received' },
          { accountId: accounts[from]!, amount: -2 * amount, kind: 'transfer_sent' },
        ];
      }
      return [
        { accountId: accounts[from]!, amount: -amount, kind: 'transfer_sent' },
        { accountId: accounts[to]!, amount, kind: 'transfer_received' },
      ];
    });
    const outcomes = await Promise.all(transfers.map((legs) => post(legs)));
    // Only refusals the ledger means to give; a deadlock or a lost update would throw or break a check below.
    expect(Object.keys(tally(outcomes)).filter((outcome) => outcome !== 'ok' && outcome !== 'insufficient_funds')).toEqual([]);
    expect(tally(outcomes).ok).toBeGreaterThan(transfers.length / 2);
    const balances = await Promise.all(accounts.map(balance));
    expect(balances.reduce((sum, value) => sum + value, 0)).toBe(20_000);
    expect(balances.every((value) => value >= 0)).toBe(true);
    const report = await new ReconciliationService(fixture.db, fixture.clock).run();
    expect(report.mismatches).toEqual([]);
    expect(report.counts.transfers).toBe(4 + outcomes.filter((outcome) => outcome === 'ok').length);
  });

  it('many concurrent spends of one balance never overdraw it', async () => {
    fixture = await openLedger(engine);
    const alice = await fixture.wallet('alice', 1_000);
    const payees = await Promise.all(Array.from({ length: 5 }, (_, index) => fixture.wallet(`payee${index}`)));
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        post([
          { accountId: alice, amount: -100, kind: 'transfer_sent' },
          { accountId: payees[index % payees.length]!, amount: 100, kind: 'transfer_received' },
        ]),
      ),
    );
    expect(tally(outcomes)).toEqual({ ok: 10, insufficient_funds: 30 });
    expect(await balance(alice)).toBe(0);
    expect((await Promise.all(payees.map(balance))).reduce((sum, value) => sum + value, 0)).toBe(1_000);
    expect((await new ReconciliationService(fixture.db, fixture.clock).run()).mismatches).toEqual([]);
  });

  it('grabs racing each other and a refund settle every share exactly once', async () => {
    fixture = await openLedger(engine);
    const sender = await fixture.wallet('sender', 2_000);
    const grabbers = await Promise.all(Array.from({ length: 6 }, (_, index) => fixture.wallet(`grabber${index}`)));
    const shares = Array.from({ length: 12 }, (_, index) => 10 + index);
    const { holds, escrow } = await fixture.db.transaction().execute((tx) =>
      fixture.ledger.hold(tx, { sourceAccountId: sender, currency, groupId: 'packet', shares, expiresAt: fixture.clock.now() + 1, kind: 'red_packet_sent' }),
    );
    const grab = (share: number, grabber: string) =>
      fixture.db.transaction().execute((tx) => fixture.ledger.postHold(tx, holds[share]!, grabber, { kind: 'red_packet_received', currency }));
    const attempts = [
      // Every share wanted by two grabbers at once, and a refund racing them.
      ...holds.flatMap((_, share) => [grab(share, grabbers[share % 6]!), grab(share, grabbers[(share + 1) % 6]!)]),
      fixture.db.transaction().execute((tx) => fixture.ledger.voidGroup(tx, 'packet', { kind: 'red_packet_refund', currency })),
    ];
    const results = await Promise.all(attempts);
    const grabbed = results.slice(0, -1).filter((result) => result !== undefined).length;
    const refund = results.at(-1) as { holds: unknown[] } | undefined;
    // Each share went exactly once: to one grabber or back in the refund.
    expect(grabbed + (refund?.holds.length ?? 0)).toBe(shares.length);
    expect(await balance(escrow.id)).toBe(0);
    const paid = (await Promise.all(grabbers.map(balance))).reduce((sum, value) => sum + value, 0);
    expect(paid + (await balance(sender))).toBe(2_000);
    expect((await new ReconciliationService(fixture.db, fixture.clock).run()).mismatches).toEqual([]);
  });
});
