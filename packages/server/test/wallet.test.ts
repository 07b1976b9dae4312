import type { AuditEntry, MonthlySummary, Movement, Statement, Wallet, Withdrawal } from '@tessera/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock';
import { Api, WsClient } from './client';
import { engines } from './databases';
import { makeUser, type TestUser } from './factories';
import { startTestServer, type TestServer } from './harness';

const adminToken = 'operator-token-for-tests-0123456789';
const paymentPassword = '246810';
const dayMs = 86_400_000;

interface Moved {
  wallet: Wallet;
  movement: Movement;
  /** Withdrawals only. */
  withdrawal?: Withdrawal | null;
}

let keyCounter = 0;
/** An idempotency key no other call uses. */
function newKey(): string {
  keyCounter += 1;
  return `key-${process.pid}-${keyCounter}-${Math.random().toString(36).slice(2, 8)}`;
}

function topUp(user: TestUser, amount: number, idempotencyKey = newKey()) {
  return user.api.call<Moved>('POST', '/api/v1/wallet/top-ups', { amount, idempotencyKey });
}

function withdraw(user: TestUser, amount: number, password = paymentPassword, idempotencyKey = newKey()) {
  return user.api.call<Moved>('POST', '/api/v1/wallet/withdrawals', { amount, paymentPassword: password, idempotencyKey });
}

function setPassword(user: TestUser, newPassword = paymentPassword, loginPassword = user.password) {
  return user.api.call<Wallet>('PUT', '/api/v1/wallet/payment-password', { newPassword, loginPassword });
}

const wallet = (user: TestUser) => user.api.ok<Wallet>('GET', '/api/v1/wallet');
const statement = (user: TestUser, query = '') => user.api.ok<Statement>('GET', `/api/v1/wallet/statement${query}`);

/** A live socket of the user, synced so that new timeline events arrive as they commit. */
async function liveSocket(baseUrl: string, user: TestUser): Promise<WsClient> {
  const socket = await WsClient.connect(baseUrl, user.token);
  await socket.request({ type: 'sync', cursor: 0 });
  return socket;
}

/** YYYY-MM of a time, in UTC. */
function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

describe.each(engines)('wallet on %s', (engine) => {
  const clock = new ManualClock(Date.UTC(2026, 2, 10, 9));
  let server: TestServer;
  let admin: Api;
  beforeAll(async () => {
    server = await startTestServer(engine, { TESSERA_PAY_DAILY_LIMIT: '100000', TESSERA_ADMIN_TOKEN: adminToken }, { clock });
    admin = new Api(server.url, adminToken);
  });
  afterAll(async () => server?.close());

  const adjust = (userId: string, amount: number, reason = 'goodwill credit', idempotencyKey = newKey(), api = admin) =>
    api.call<Moved>('POST', '/api/v1/admin/wallet/adjustments', { userId, amount, reason, idempotencyKey });

  describe('top-ups', () => {
    it('starts empty, marked as test money, and adds sandbox money', async () => {
      const user = await makeUser(server.url);
      expect(await wallet(user)).toMatchObject({ userId: user.id, currency: 'CNY', balance: 0, testMoney: true, hasPaymentPassword: false });
      const response = await topUp(user, 12_345);
      expect(response.status).toBe(200);
      expect(response.body.wallet.balance).toBe(12_345);
      expect(response.body.movement).toMatchObject({ kind: 'top_up', amount: 12_345, balanceAfter: 12_345, testMoney: true, counterpartyId: null });
      expect(response.body.movement.referenceId).toMatch(/^sbx-in-/);
      expect(response.body.movement.at).toBe(new Date(clock.now()).toISOString());
      expect((await wallet(user)).balance).toBe(12_345);
    });

    it('refuses bad amounts and callers without a session', async () => {
      const user = await makeUser(server.url);
      for (const amount of [0, -5, 1.5, '100']) {
        const response = await user.api.call<{ error: { code: string } }>('POST', '/api/v1/wallet/top-ups', { amount, idempotencyKey: newKey() });
        expect(response.body.error.code).toBe('validation_failed');
      }
      const anonymous = await new Api(server.url).call<{ error: { code: string } }>('POST', '/api/v1/wallet/top-ups', { amount: 1, idempotencyKey: newKey() });
      expect(anonymous.status).toBe(401);
      expect((await wallet(user)).balance).toBe(0);
    });

    it('announces the new balance on the owner\'s WebSocket', async () => {
      const user = await makeUser(server.url);
      const socket = await liveSocket(server.url, user);
      try {
        await topUp(user, 777);
        const event = await socket.event((candidate) => candidate.kind === 'wallet.updated');
        expect(event).toMatchObject({ kind: 'wallet.updated', wallet: { userId: user.id, balance: 777 } });
      } finally {
        await socket.close();
      }
    });

    it('limits how many money-moving calls a user makes per minute', async () => {
      const user = await makeUser(server.url);
      const answers = [];
      for (let call = 0; call < 31; call++) answers.push((await topUp(user, 1)).status);
      expect(answers.slice(0, 30).every((status) => status === 200)).toBe(true);
      const refused = await topUp(user, 1);
      expect(refused.status).toBe(429);
      expect((refused.body as unknown as { error: { code: string } }).error.code).toBe('rate_limited');
      expect((await wallet(user)).balance).toBe(30);
      clock.advance(2_000);
      expect((await topUp(user, 1)).status).toBe(200);
    });
  });

  describe('withdrawals and the payment password', () => {
    it('needs a payment password, set with the login password', async () => {
      const user = await makeUser(server.url);
      await topUp(user, 5_000);
      expect((await withdraw(user, 100)).body).toMatchObject({ error: { code: 'payment_password_not_set' } });
      expect((await setPassword(user, paymentPassword, 'not my login password')).body).toMatchObject({ error: { code: 'invalid_credentials' } });
      expect((await setPassword(user)).body).toMatchObject({ hasPaymentPassword: true, paymentPasswordLockedUntil: null });
      expect((await setPassword(user, '12345')).body).toMatchObject({ error: { code: 'validation_failed' } });
    });

    it('pays out to the provider and counts against today\'s limit', async () => {
      const user = await makeUser(server.url);
      await topUp(user, 5_000);
      await setPassword(user);
      const response = await withdraw(user, 1_200);
      expect(response.status).toBe(200);
      expect(response.body.movement).toMatchObject({ kind: 'withdrawal', amount: -1_200, balanceAfter: 3_800 });
      // The statement line is the money held for the withdrawal; the provider paid it out at once.
      expect(response.body.withdrawal).toMatchObject({ id: response.body.movement.referenceId, amount: 1_200, status: 'succeeded', failure: null });
      expect(response.body.withdrawal!.providerReference).toBe(`sbx-out-${response.body.withdrawal!.id}`);
      expect(response.body.wallet).toMatchObject({ balance: 3_800, spentToday: 1_200, dailyLimit: 100_000 });
      expect((await withdraw(user, 3_801)).body).toMatchObject({ error: { code: 'insufficient_funds' } });
      expect((await wallet(user)).balance).toBe(3_800);
    });

    it('counts wrong passwords, locks after five, and a reset with the login password unlocks', async () => {
      const user = await makeUser(server.url);
      await topUp(user, 5_000);
      await setPassword(user);
      for (const triesLeft of [4, 3, 2, 1]) {
        const wrong = await withdraw(user, 100, '000000');
        expect(wrong.status).toBe(403);
        expect(wrong.body).toMatchObject({ error: { code: 'payment_password_wrong', details: { triesLeft } } });
      }
      const locked = await withdraw(user, 100, '000000');
      expect(locked.status).toBe(423);
      expect(locked.body).toMatchObject({ error: { code: 'payment_password_locked' } });
      // Locked: even the right password is refused, and nothing moved.
      expect((await withdraw(user, 100)).body).toMatchObject({ error: { code: 'payment_password_locked' } });
      expect(await wallet(user)).toMatchObject({ balance: 5_000 });
      expect((await wallet(user)).paymentPasswordLockedUntil).not.toBeNull();
      expect((await setPassword(user, '135790')).body).toMatchObject({ paymentPasswordLockedUntil: null });
      expect((await withdraw(user, 100, '135790')).status).toBe(200);
    });

    it('a right password clears the count of wrong ones', async () => {
      const user = await makeUser(server.url);
      await topUp(user, 5_000);
      await setPassword(user);
      for (let attempt = 0; attempt < 4; attempt++) await withdraw(user, 100, '000000');
      expect((await withdraw(user, 100)).status).toBe(200);
      expect((await withdraw(user, 100, '000000')).body).toMatchObject({ error: { details: { triesLeft: 4 } } });
    });

    it('stops payouts at the daily limit until the next UTC day', async () => {
      const user = await makeUser(server.url);
      await topUp(user, 300_000);
      await setPassword(user);
      expect((await withdraw(user, 60_000)).status).toBe(200);
      const refused = await withdraw(user, 50_000);
      expect(refused.body).toMatchObject({ error: { code: 'daily_limit_exceeded', details: { remaining: 40_000 } } });
      expect((await withdraw(user, 40_000)).status).toBe(200);
      expect((await withdraw(user, 1)).body).toMatchObject({ error: { code: 'daily_limit_exceeded', details: { remaining: 0 } } });
      clock.advance(dayMs - (clock.now() % dayMs));
      expect(await wallet(user)).toMatchObject({ spentToday: 0, balance: 200_000 });
      expect((await withdraw(user, 100_000)).status).toBe(200);
    });
  });

  describe('idempotency', () => {
    it('answers a repeated request with the first result and moves the money once', async () => {
      const user = await makeUser(server.url);
      const key = newKey();
      const first = await topUp(user, 2_500, key);
      const again = await topUp(user, 2_500, key);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect((await wallet(user)).balance).toBe(2_500);
      expect((await statement(user)).movements).toHaveLength(1);
    });

    it('refuses the same key for a different request, and a failed call leaves the key free', async () => {
      const user = await makeUser(server.url);
      await setPassword(user);
      const key = newKey();
      expect((await withdraw(user, 500, paymentPassword, key)).body).toMatchObject({ error: { code: 'insufficient_funds' } });
      await topUp(user, 1_000, key);
      expect((await topUp(user, 1_001, key)).body).toMatchObject({ error: { code: 'idempotency_key_reused' } });
      const reused = await withdraw(user, 500, paymentPassword, key);
      expect(reused.status).toBe(422);
      expect(reused.body).toMatchObject({ error: { code: 'idempotency_key_reused' } });
      expect((await wallet(user)).balance).toBe(1_000);
    });

    it('lets concurrent duplicates move the money once', async () => {
      const user = await makeUser(server.url);
      const key = newKey();
      const answers = await Promise.all(Array.from({ length: 6 }, () => topUp(user, 900, key)));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(new Set(answers.map((answer) => answer.body.movement.id)).size).toBe(1);
      expect((await wallet(user)).balance).toBe(900);
    });

    it('keys of one user do not collide with another\'s', async () => {
      const [alice, bob] = await Promise.all([makeUser(server.url), makeUser(server.url)]);
      const key = newKey();
      await topUp(alice, 100, key);
      expect((await topUp(bob, 200, key)).status).toBe(200);
      expect((await wallet(bob)).balance).toBe(200);
    });
  });

  describe('statement and monthly summary', () => {
    it('lists movements newest first, filtered by kind, direction and time, a page at a time', async () => {
      const user = await makeUser(server.url);
      await setPassword(user);
      const start = clock.now();
      await topUp(user, 1_000);
      clock.advance(60_000);
      await topUp(user, 2_000);
      clock.advance(60_000);
      const middle = clock.now();
      await withdraw(user, 500);
      clock.advance(60_000);
      await adjust(user.id, 300, 'refund of a failed order');
      clock.advance(60_000);
      await adjust(user.id, -100, 'duplicate credit taken back');

      const all = await statement(user);
      expect(all.movements.map((movement) => [movement.kind, movement.amount, movement.balanceAfter])).toEqual([
        ['operator_debit', -100, 2_700],
        ['operator_credit', 300, 2_800],
        ['withdrawal', -500, 2_500],
        ['top_up', 2_000, 3_000],
        ['top_up', 1_000, 1_000],
      ]);
      expect(all.nextCursor).toBeNull();
      expect(all.movements[1]).toMatchObject({ memo: 'refund of a failed order', counterpartyId: null, testMoney: true });

      expect((await statement(user, '?kind=top_up')).movements.map((movement) => movement.amount)).toEqual([2_000, 1_000]);
      expect((await statement(user, '?direction=out')).movements.map((movement) => movement.kind)).toEqual(['operator_debit', 'withdrawal']);
      expect((await statement(user, '?direction=in&kind=withdrawal')).movements).toEqual([]);
      const from = new Date(middle).toISOString();
      const to = new Date(middle + 60_000).toISOString();
      expect((await statement(user, `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)).movements.map((movement) => movement.kind)).toEqual([
        'withdrawal',
      ]);
      expect((await statement(user, `?to=${encodeURIComponent(new Date(start + 1).toISOString())}`)).movements).toHaveLength(1);

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Statement = await statement(user, `?limit=2${cursor ? `&before=${cursor}` : ''}`);
        seen.push(...page.movements.map((movement) => movement.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(all.movements.map((movement) => movement.id));
      const filteredPage = await statement(user, '?direction=in&limit=1');
      expect(filteredPage.movements[0]!.kind).toBe('operator_credit');
      const nextFiltered = await statement(user, `?direction=in&limit=5&before=${filteredPage.nextCursor}`);
      expect(nextFiltered.movements.map((movement) => movement.amount)).toEqual([2_000, 1_000]);
    });

    it('refuses malformed queries', async () => {
      const user = await makeUser(server.url);
      for (const query of ['?before=abc', '?before=0', '?direction=sideways', '?kind=gift', '?limit=0', '?from=yesterday']) {
        const response = await user.api.call<{ error: { code: string } }>('GET', `/api/v1/wallet/statement${query}`);
        expect(response.status, query).toBe(400);
        expect(response.body.error.code).toBe('validation_failed');
      }
      expect(await statement(user)).toEqual({ movements: [], nextCursor: null });
    });

    it('sums a UTC month: income, expense, per kind and count', async () => {
      const user = await makeUser(server.url);
      await setPassword(user);
      // Start on the last day of a month, an hour before midnight UTC.
      const monthEnd = Date.UTC(new Date(clock.now()).getUTCFullYear(), new Date(clock.now()).getUTCMonth() + 1, 1);
      clock.advance(monthEnd - 3_600_000 - clock.now());
      const first = monthOf(clock.now());
      await topUp(user, 10_000);
      await withdraw(user, 2_000);
      await adjust(user.id, 500, 'welcome bonus');
      await topUp(user, 1_000);
      clock.advance(3_600_000);
      const second = monthOf(clock.now());
      await withdraw(user, 300);
      await adjust(user.id, -200, 'bonus paid twice');

      const summary = (month: string) => user.api.ok<MonthlySummary>('GET', `/api/v1/wallet/summary?month=${month}`);
      expect(await summary(first)).toEqual({
        month: first,
        currency: 'CNY',
        income: 11_500,
        expense: 2_000,
        byKind: { top_up: 11_000, withdrawal: -2_000, operator_credit: 500 },
        count: 4,
      });
      expect(await summary(second)).toEqual({
        month: second,
        currency: 'CNY',
        income: 0,
        expense: 500,
        byKind: { withdrawal: -300, operator_debit: -200 },
        count: 2,
      });
      expect(await summary('2020-01')).toMatchObject({ income: 0, expense: 0, byKind: {}, count: 0 });
      for (const month of ['2026-13', '2026-1', 'soon']) {
        expect((await user.api.call('GET', `/api/v1/wallet/summary?month=${month}`)).status).toBe(400);
      }
    });
  });

  describe('operator adjustments', () => {
    it('needs the operator token, compared whole', async () => {
      const user = await makeUser(server.url);
      const missing = await adjust(user.id, 100, 'no token', newKey(), new Api(server.url));
      expect(missing.status).toBe(401);
      expect(missing.body).toMatchObject({ error: { code: 'operator_unauthorized' } });
      for (const token of [`${adminToken}x`, adminToken.slice(0, -1), user.token]) {
        expect((await adjust(user.id, 100, 'wrong token', newKey(), new Api(server.url, token))).status).toBe(401);
      }
      expect((await new Api(server.url, user.token).call('GET', '/api/v1/admin/audit')).status).toBe(401);
      expect((await wallet(user)).balance).toBe(0);
    });

    it('credits and debits with a reason, never overdraws, and writes the audit log', async () => {
      const user = await makeUser(server.url);
      const socket = await liveSocket(server.url, user);
      const credit = await adjust(user.id, 5_000, 'compensation for outage #12');
      try {
        expect(credit.status).toBe(200);
        expect(credit.body.movement).toMatchObject({ kind: 'operator_credit', amount: 5_000, memo: 'compensation for outage #12' });
        await socket.event((event) => event.kind === 'wallet.updated' && event.wallet.balance === 5_000);
      } finally {
        await socket.close();
      }
      // Entries of one millisecond have no order among them; the frozen clock moves on between them.
      clock.advance(1_000);
      const overdraw = await adjust(user.id, -5_001, 'too much');
      expect(overdraw.body).toMatchObject({ error: { code: 'insufficient_funds' } });
      const debit = await adjust(user.id, -1_500, 'credit issued by mistake');
      expect(debit.body.movement).toMatchObject({ kind: 'operator_debit', amount: -1_500, balanceAfter: 3_500 });
      expect((await wallet(user)).balance).toBe(3_500);

      const { entries } = await admin.ok<{ entries: AuditEntry[] }>('GET', '/api/v1/admin/audit?limit=500');
      const mine = entries.filter((entry) => entry.userId === user.id);
      expect(mine.map((entry) => [entry.actor, entry.action, entry.amount, entry.reason, entry.transferId])).toEqual([
        ['admin-api', 'operator_debit', -1_500, 'credit issued by mistake', debit.body.movement.id],
        ['admin-api', 'operator_credit', 5_000, 'compensation for outage #12', credit.body.movement.id],
      ]);
      expect((await admin.ok<{ entries: AuditEntry[] }>('GET', '/api/v1/admin/audit?limit=1')).entries).toHaveLength(1);
      expect((await admin.call('GET', '/api/v1/admin/audit?limit=0')).status).toBe(400);
    });

    it('refuses unknown users, zero amounts and short reasons, and is idempotent', async () => {
      const user = await makeUser(server.url);
      expect((await adjust('nobody-has-this-id', 100)).body).toMatchObject({ error: { code: 'user_not_found' } });
      expect((await adjust(user.id, 0)).body).toMatchObject({ error: { code: 'validation_failed' } });
      expect((await adjust(user.id, 100, 'x')).body).toMatchObject({ error: { code: 'validation_failed' } });
      const key = newKey();
      const first = await adjust(user.id, 100, 'once only', key);
      expect((await adjust(user.id, 100, 'once only', key)).body).toEqual(first.body);
      expect((await adjust(user.id, 200, 'once only', key)).body).toMatchObject({ error: { code: 'idempotency_key_reused' } });
      expect((await wallet(user)).balance).toBe(100);
      const { entries } = await admin.ok<{ entries: AuditEntry[] }>('GET', '/api/v1/admin/audit?limit=500');
      expect(entries.filter((entry) => entry.userId === user.id)).toHaveLength(1);
    });
  });

  it('without an operator token the admin endpoints do not exist', async () => {
    const plain = await startTestServer(engine);
    try {
      const user = await makeUser(plain.url);
      const anyToken = new Api(plain.url, adminToken);
      const response = await anyToken.call('POST', '/api/v1/admin/wallet/adjustments', { userId: user.id, amount: 1, reason: 'abc', idempotencyKey: newKey() });
      expect(response.status).toBe(404);
      expect((await anyToken.call('GET', '/api/v1/admin/audit')).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
