import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../src/platform/errors';
import { ledgerRepository, once } from '../src/modules/pay';
import { engines } from './databases';
import { openLedger, type LedgerFixture } from './ledger-support';

async function balanceOf(fixture: LedgerFixture, accountId: string): Promise<number> {
  return (await ledgerRepository.findAccountById(fixture.db, accountId))!.balance;
}

function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'ok',
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );
}

describe.each(engines)('ledger on %s', (engine) => {
  let fixture: LedgerFixture;
  afterEach(async () => fixture?.close());

  it('posts balanced transfers and keeps each account chained by version', async () => {
    fixture = await openLedger(engine);
    const alice = await fixture.wallet('alice', 10_000);
    const bob = await fixture.wallet('bob');
    await fixture.db.transaction().execute((tx) =>
      fixture.ledger.post(tx, {
        kind: 'transfer',
        currency: 'CNY',
        legs: [
          { accountId: alice, amount: -2_500, kind: 'transfer_sent', counterpartyId: 'bob' },
          { accountId: bob, amount: 2_500, kind: 'transfer_received', counterpartyId: 'alice' },
        ],
      }),
    );
    expect(await balanceOf(fixture, alice)).toBe(7_500);
    expect(await balanceOf(fixture, bob)).toBe(2_500);
    const entries = await ledgerRepository.entriesOf(fixture.db, alice, Number.MAX_SAFE_INTEGER, 10);
    expect(entries.map((entry) => [entry.version, entry.amount, entry.balance_after])).toEqual([
      [2, -2_500, 7_500],
      [1, 10_000, 10_000],
    ]);
  });

  it('refuses unbalanced legs, zero and fractional amounts', async () => {
    fixture = await openLedger(engine);
    const alice = await fixture.wallet('alice', 100);
    const bob = await fixture.wallet('bob');
    const post = (legs: { accountId: string; amount: number; kind: string }[]) =>
      codeOf(fixture.db.transaction().execute((tx) => fixture.ledger.post(tx, { kind: 'transfer', currency: 'CNY', legs })));
    expect(await post([{ accountId: alice, amount: -10, kind: 'x' }, { accountId: bob, amount: 9, kind: 'x' }])).toBe('amount_invalid');
    expect(await post([{ accountId: alice, amount: -0.5, kind: 'x' }, { accountId: bob, amount: 0.5, kind: 'x' }])).toBe('amount_invalid');
    expect(await post([{ accountId: alice, amount: 0, kind: 'x' }, { accountId: bob, amount: 0, kind: 'x' }])).toBe('amount_invalid');
    expect(await balanceOf(fixture, alice)).toBe(100);
  });

  it('never overdraws: an insufficient debit rolls back the whole transfer', async () => {
    fixture = await openLedger(engine);
    const alice = await fixture.wallet('alice', 100);
    const bob = await fixture.wallet('bob');
    const result = await codeOf(
      fixture.db.transaction().execute((tx) =>
        fixture.ledger.post(tx, {
          kind: 'transfer',
          currency: 'CNY',
          legs: [
            { accountId: bob, amount: 101, kind: 'transfer_received' },
            { accountId: alice, amount: -101, kind: 'transfer_sent' },
          ],
        }),
      ),
    );
    expect(result).toBe('insufficient_funds');
    expect(await balanceOf(fixture, alice)).toBe(100);
    expect(await balanceOf(fixture, bob)).toBe(0);
    const transfers = await fixture.db.selectFrom('ledger_transfers').select('id').execute();
    expect(transfers).toHaveLength(1);
  });

  it('refuses a negative balance in the database itself', async () => {
    fixture = await openLedger(engine);
    const alice = await fixture.wallet('alice', 100);
    await expect(sql`UPDATE ledger_accounts SET balance = -1 WHERE id = ${alice}`.execute(fixture.db)).rejects.toThrow();
  });

  it('refuses UPDATE and DELETE of posted entries and transfers in the database', async () => {
    fixture = await openLedger(engine);
    await fixture.wallet('alice', 100);
    await expect(sql`UPDATE ledger_entries SET amount = 1`.execute(fixture.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM ledger_entries`.execute(fixture.db)).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE ledger_transfers SET memo = 'x'`.execute(fixture.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM ledger_transfers`.execute(fixture.db)).rejects.toThrow(/append-only/);
  });

  it('posts or voids each hold exactly once', async () => {
    fixture = await openLedger(engine);
    const alice = await fixture.wallet('alice', 1_000);
    const bob = await fixture.wallet('bob');
    const { holds, escrow } = await fixture.db.transaction().execute((tx) =>
      fixture.ledger.hold(tx, { sourceAccountId: alice, currency: 'CNY', groupId: 'packet1', shares: [300, 200, 100], expiresAt: 1, kind: 'red_packet_sent' }),
    );
    expect(await balanceOf(fixture, alice)).toBe(400);
    expect(await balanceOf(fixture, escrow.id)).toBe(600);
    const grab = () =>
      fixture.db.transaction().execute((tx) => fixture.ledger.postHold(tx, holds[0]!, bob, { kind: 'red_packet_received', currency: 'CNY' }));
    const results = await Promise.all([grab(), grab(), grab()]);
    expect(results.filter((result) => result !== undefined)).toHaveLength(1);
    expect(await balanceOf(fixture, bob)).toBe(300);
    const voided = await fixture.db.transaction().execute((tx) => fixture.ledger.voidGroup(tx, 'packet1', { kind: 'red_packet_refund', currency: 'CNY' }));
    expect(voided?.holds.map((hold) => hold.share)).toEqual([1, 2]);
    expect(await fixture.db.transaction().execute((tx) => fixture.ledger.voidGroup(tx, 'packet1', { kind: 'red_packet_refund', currency: 'CNY' }))).toBeUndefined();
    expect(await balanceOf(fixture, alice)).toBe(700);
    expect(await balanceOf(fixture, escrow.id)).toBe(0);
    expect(await grab()).toBeUndefined();
  });

  it('two concurrent spends of the same balance never overdraw it', async () => {
    fixture = await openLedger(engine);
    const alice = await fixture.wallet('alice', 1_000);
    const bob = await fixture.wallet('bob');
    const carol = await fixture.wallet('carol');
    const spend = (to: string) =>
      codeOf(
        fixture.db.transaction().execute((tx) =>
          fixture.ledger.post(tx, {
            kind: 'transfer',
            currency: 'CNY',
            legs: [
              { accountId: alice, amount: -700, kind: 'transfer_sent' },
              { accountId: to, amount: 700, kind: 'transfer_received' },
            ],
          }),
        ),
      );
    const outcomes = await Promise.all([spend(bob), spend(carol)]);
    expect(outcomes.sort()).toEqual(['insufficient_funds', 'ok']);
    expect(await balanceOf(fixture, alice)).toBe(300);
    expect((await balanceOf(fixture, bob)) + (await balanceOf(fixture, carol))).toBe(700);
  });

  it('moves money once per idempotency key, and refuses the key for a different request', async () => {
    fixture = await openLedger(engine);
    const alice = await fixture.wallet('alice', 1_000);
    const bob = await fixture.wallet('bob');
    const pay = (amount: number) =>
      fixture.db.transaction().execute((tx) =>
        once(tx, fixture.clock, 'alice', 'key-0001', { to: 'bob', amount }, async () => {
          const posted = await fixture.ledger.post(tx, {
            kind: 'transfer',
            currency: 'CNY',
            legs: [
              { accountId: alice, amount: -amount, kind: 'transfer_sent' },
              { accountId: bob, amount, kind: 'transfer_received' },
            ],
          });
          return { transferId: posted.transferId };
        }),
      );
    const results = await Promise.all(Array.from({ length: 5 }, () => pay(100)));
    expect(new Set(results.map((result) => result.transferId)).size).toBe(1);
    expect(await balanceOf(fixture, bob)).toBe(100);
    expect(await codeOf(pay(200))).toBe('idempotency_key_reused');
  });
});
