import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../src/platform/errors';
import { LedgerWriter, ledgerRepository, type LedgerRequest } from '../src/modules/pay';
import { engines } from './databases';
import { openLedger, type LedgerFixture } from './ledger-support';

function request(callerId: string, key: string, from: string, to: string, amount: number): LedgerRequest {
  return {
    callerId,
    idempotencyKey: key,
    spec: {
      kind: 'transfer',
      currency: 'CNY',
      legs: [
        { accountId: from, amount: -amount, kind: 'transfer_sent' },
        { accountId: to, amount, kind: 'transfer_received' },
      ],
    },
  };
}

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    (value) => value,
    (error: unknown) => (error instanceof AppError ? error.code : error),
  );

describe.each(engines)('batched ledger writer on %s', (engine) => {
  let fixture: LedgerFixture;
  afterEach(async () => fixture?.close());

  it('posts concurrent transfers in batches; an overdraw fails alone and the rest post', async () => {
    fixture = await openLedger(engine);
    const writer = new LedgerWriter(fixture.db, fixture.ledger, fixture.clock, { concurrentBatches: engine === 'postgres' ? 2 : 1 });
    const alice = await fixture.wallet('alice', 1_000);
    const bob = await fixture.wallet('bob', 1_000);
    const results = await Promise.all([
      ...Array.from({ length: 50 }, (_, index) => outcome(writer.transfer(request('alice', `a-${index}`, alice, bob, 10)))),
      ...Array.from({ length: 50 }, (_, index) => outcome(writer.transfer(request('bob', `b-${index}`, bob, alice, 30)))),
    ]);
    const failures = results.filter((result) => typeof result === 'string');
    // Bob pays out 1,500 against his 1,000 plus what Alice sends him: some of his fail, never a negative balance.
    expect(failures.every((code) => code === 'insufficient_funds')).toBe(true);
    const a = (await ledgerRepository.findAccountById(fixture.db, alice))!;
    const b = (await ledgerRepository.findAccountById(fixture.db, bob))!;
    expect(a.balance + b.balance).toBe(2_000);
    expect(b.balance).toBeGreaterThanOrEqual(0);
    expect(a.balance).toBe(1_000 - 500 + 30 * (50 - failures.length));
    const entries = await ledgerRepository.entriesOf(fixture.db, alice, Number.MAX_SAFE_INTEGER, 1_000);
    expect(entries[0]!.version).toBe(a.version);
    expect(entries[0]!.balance_after).toBe(a.balance);
  });

  it('moves money once per key, in one batch or across batches, and refuses a key reused for another request', async () => {
    fixture = await openLedger(engine);
    const writer = new LedgerWriter(fixture.db, fixture.ledger, fixture.clock, { concurrentBatches: 1 });
    const alice = await fixture.wallet('alice', 1_000);
    const bob = await fixture.wallet('bob');
    const same = await Promise.all(Array.from({ length: 5 }, () => writer.transfer(request('alice', 'k-1', alice, bob, 100))));
    expect(new Set(same.map((receipt) => receipt.transferId)).size).toBe(1);
    const later = await writer.transfer(request('alice', 'k-1', alice, bob, 100));
    expect(later.transferId).toBe(same[0]!.transferId);
    expect(await outcome(writer.transfer(request('alice', 'k-1', alice, bob, 200)))).toBe('idempotency_key_reused');
    // Another caller's key of the same name is its own.
    await writer.transfer(request('bob', 'k-1', bob, alice, 50));
    expect((await ledgerRepository.findAccountById(fixture.db, bob))!.balance).toBe(50);
    // A failed transfer records nothing, so its key can be used once the money is there.
    expect(await outcome(writer.transfer(request('bob', 'k-2', bob, alice, 60)))).toBe('insufficient_funds');
    await writer.transfer(request('alice', 'k-3', alice, bob, 10));
    expect((await writer.transfer(request('bob', 'k-2', bob, alice, 60))).entries).toHaveLength(2);
  });
});
