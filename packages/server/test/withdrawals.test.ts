import type { Movement, Wallet, Withdrawal } from '@tessera/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReconciliationService } from '../src/modules/pay';
import { ManualClock } from '../src/platform/clock';
import { engines } from './databases';
import { makeUser, newIdempotencyKey, type TestUser } from './factories';
import { startTestServer, type TestServer } from './harness';
import { ScriptedProvider } from './scripted-provider';

interface Withdrawn {
  wallet: Wallet;
  movement: Movement;
  withdrawal: Withdrawal;
}

describe.each(engines)('withdrawals through a funding provider on %s', (engine) => {
  let server: TestServer;
  const provider = new ScriptedProvider();
  const clock = new ManualClock(Date.UTC(2026, 10, 30, 9));
  beforeAll(async () => {
    server = await startTestServer(engine, { TESSERA_PAY_RATE_PER_MINUTE: '100000' }, { clock, fundingProvider: provider });
  });
  afterAll(async () => server?.close());

  async function fundedUser(amount: number): Promise<TestUser> {
    const user = await makeUser(server.url);
    await user.api.ok('POST', '/api/v1/wallet/top-ups', { amount, idempotencyKey: newIdempotencyKey() });
    await user.api.ok('PUT', '/api/v1/wallet/payment-password', { newPassword: '135790', loginPassword: user.password });
    return user;
  }
  const withdraw = (user: TestUser, amount: number, idempotencyKey = newIdempotencyKey()) =>
    user.api.ok<Withdrawn>('POST', '/api/v1/wallet/withdrawals', { amount, paymentPassword: '135790', idempotencyKey });
  const movements = async (user: TestUser) =>
    (await user.api.ok<{ movements: Movement[] }>('GET', '/api/v1/wallet/statement')).movements.map((movement) => [movement.kind, movement.amount]);
  const reconciled = async () => (await new ReconciliationService(server.app.db, clock).run()).mismatches;

  it('returns a refused withdrawal to the wallet and gives back the day\'s limit', async () => {
    const user = await fundedUser(5_000);
    provider.answers = ['refuse'];
    const answer = await withdraw(user, 1_000);
    expect(answer.withdrawal).toMatchObject({ amount: 1_000, status: 'failed', failure: 'the bank account is closed', providerReference: null });
    expect(answer.wallet).toMatchObject({ balance: 5_000, spentToday: 0 });
    expect(await movements(user)).toEqual([['withdrawal_returned', 1_000], ['withdrawal', -1_000], ['top_up', 5_000]]);
    expect(await reconciled()).toEqual([]);
  });

  it('keeps a withdrawal without an answer pending, held, until the provider is asked again', async () => {
    const user = await fundedUser(5_000);
    provider.answers = ['silent'];
    const key = newIdempotencyKey();
    const first = await withdraw(user, 1_200, key);
    expect(first.withdrawal).toMatchObject({ status: 'pending', settledAt: null });
    expect(first.wallet).toMatchObject({ balance: 3_800, spentToday: 1_200 });
    expect(await reconciled()).toEqual([]);
    // Not yet due for the sweeper: the request that started it may still be waiting for the answer.
    expect(await server.app.services.pay.funding.settlePending()).toBe(0);
    clock.advance(31_000);
    expect(await server.app.services.pay.funding.settlePending()).toBe(1);
    const asked = provider.asked.filter((request) => request.reference === first.withdrawal.id);
    expect(asked.map((request) => request.amount)).toEqual([1_200, 1_200]);
    // The same request again answers where the withdrawal stands, and pays out nothing more.
    const again = await withdraw(user, 1_200, key);
    expect(again.withdrawal).toMatchObject({ id: first.withdrawal.id, status: 'succeeded', providerReference: `out-${first.withdrawal.id}` });
    expect(again.wallet).toMatchObject({ balance: 3_800, spentToday: 1_200 });
    expect(provider.paidOut.get(first.withdrawal.id)).toBe(1_200);
    expect(await movements(user)).toEqual([['withdrawal', -1_200], ['top_up', 5_000]]);
    expect(await reconciled()).toEqual([]);
  });

  it('asks about the least-asked pending withdrawal first, so one the provider keeps not answering does not block the rest', async () => {
    const user = await fundedUser(3_000);
    provider.answers = ['silent', 'silent'];
    const older = await withdraw(user, 100);
    clock.advance(1_000);
    const newer = await withdraw(user, 200);
    clock.advance(31_000);
    const funding = server.app.services.pay.funding;
    provider.answers = ['silent'];
    expect(await funding.settlePending(30_000, 1)).toBe(0);
    provider.answers = ['pay'];
    expect(await funding.settlePending(30_000, 1)).toBe(1);
    expect(provider.paidOut.get(newer.withdrawal.id)).toBe(200);
    expect(provider.paidOut.has(older.withdrawal.id)).toBe(false);
    expect(await funding.settlePending(30_000, 1)).toBe(1);
    expect(provider.paidOut.get(older.withdrawal.id)).toBe(100);
  });

  it('books an answer once when two nodes ask about the same withdrawal together', async () => {
    const user = await fundedUser(2_000);
    provider.answers = ['silent'];
    const { withdrawal } = await withdraw(user, 700);
    clock.advance(31_000);
    provider.answers = ['pay'];
    const funding = server.app.services.pay.funding;
    const settled = await Promise.all([funding.settlePending(), funding.settlePending()]);
    expect(settled[0]! + settled[1]!).toBeGreaterThanOrEqual(1);
    expect(provider.paidOut.get(withdrawal.id)).toBe(700);
    expect((await user.api.ok<Wallet>('GET', '/api/v1/wallet')).balance).toBe(1_300);
    expect(await reconciled()).toEqual([]);
  });
});
