import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/platform/errors';
import { ReconciliationService, defaultOverdueGraceMs, type Posted } from '../src/modules/pay';
import { engines } from './databases';
import { LedgerModel, step, users, type ModelGroup, type Step } from './ledger-model';
import { openLedger, type LedgerFixture } from './ledger-support';

/** Runs and steps per run; raise TESSERA_LEDGER_RUNS for a longer search, set TESSERA_LEDGER_SEED to replay one. */
const runs = Number(process.env.TESSERA_LEDGER_RUNS ?? 40);
const seed = process.env.TESSERA_LEDGER_SEED === undefined ? undefined : Number(process.env.TESSERA_LEDGER_SEED);
const currency = 'CNY';

/** The outcome of a ledger call: its result, or the code of the typed error it threw. */
async function outcome<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; code: string }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code };
    throw error;
  }
}

describe.each(engines)('ledger against a model on %s', (engine) => {
  let fixture: LedgerFixture;
  let reconciliation: ReconciliationService;
  let fundingId: string;
  let runNumber = 0;

  beforeAll(async () => {
    fixture = await openLedger(engine);
    reconciliation = new ReconciliationService(fixture.db, fixture.clock);
    fundingId = (await fixture.db.transaction().execute((tx) => fixture.ledger.account(tx, 'funding', 'sandbox', currency))).id;
  });
  afterAll(async () => fixture?.close());

  const inTransaction = <T>(work: (tx: LedgerFixture['db']) => Promise<T>) => fixture.db.transaction().execute(work);

  async function balances(ids: string[]): Promise<Map<string, number>> {
    const rows = await fixture.db.selectFrom('ledger_accounts').select(['id', 'balance']).where('id', 'in', ids).execute();
    return new Map(rows.map((row) => [row.id, row.balance]));
  }

  /** One run: fresh users and groups in the shared database, the model starting from the funding account's balance. */
  async function play(steps: Step[]): Promise<void> {
    const run = `r${++runNumber}`;
    const wallets: string[] = [];
    for (let index = 0; index < users; index++) wallets.push(await fixture.wallet(`${run}-u${index}`));
    const startedAt = fixture.clock.now();
    const model = new LedgerModel(users, (await balances([fundingId])).get(fundingId)!);
    const groups: { id: string; escrowId: string; model: ModelGroup }[] = [];
    const transfer = (from: string, to: string, amount: number, kind = 'transfer') =>
      outcome(() =>
        inTransaction((tx) =>
          fixture.ledger.post(tx, {
            kind,
            currency,
            legs: [
              { accountId: from, amount: -amount, kind: `${kind}_sent` },
              { accountId: to, amount, kind: `${kind}_received` },
            ],
          }),
        ),
      );

    for (const [index, current] of steps.entries()) {
      const where = `step ${index} ${JSON.stringify(current)}`;
      switch (current.kind) {
        case 'top_up': {
          const result = await transfer(fundingId, wallets[current.user]!, current.amount, 'top_up');
          expect(result.ok, where).toBe(true);
          model.funding -= current.amount;
          model.balances[current.user]! += current.amount;
          break;
        }
        case 'transfer': {
          const result = await transfer(wallets[current.from]!, wallets[current.to]!, current.amount);
          if (model.balances[current.from]! >= current.amount) {
            expect(result.ok, where).toBe(true);
            model.balances[current.from]! -= current.amount;
            model.balances[current.to]! += current.amount;
          } else {
            expect(result, where).toEqual({ ok: false, code: 'insufficient_funds' });
          }
          break;
        }
        case 'overdraw': {
          const result = await transfer(wallets[current.from]!, wallets[current.to]!, model.balances[current.from]! + current.extra);
          expect(result, where).toEqual({ ok: false, code: 'insufficient_funds' });
          break;
        }
        case 'hold': {
          const groupId = `${run}-g${groups.length}`;
          const total = current.shares.reduce((sum, share) => sum + share, 0);
          const expiresAt = fixture.clock.now() + current.ttlMs;
          const result = await outcome(() =>
            inTransaction((tx) =>
              fixture.ledger.hold(tx, { sourceAccountId: wallets[current.user]!, currency, groupId, shares: current.shares, expiresAt, kind: 'red_packet_sent' }),
            ),
          );
          if (model.balances[current.user]! >= total) {
            if (!result.ok) throw new Error(`${where}: ${result.code}`);
            expect(result.value.holds.map((hold) => hold.amount)).toEqual(current.shares);
            model.balances[current.user]! -= total;
            const group: ModelGroup = { source: current.user, expiresAt, shares: current.shares.map((amount) => ({ amount, status: 'open' })) };
            model.groups.push(group);
            groups.push({ id: groupId, escrowId: result.value.escrow.id, model: group });
          } else {
            expect(result, where).toEqual({ ok: false, code: 'insufficient_funds' });
          }
          break;
        }
        case 'post': {
          if (groups.length === 0) break;
          const group = groups[current.group % groups.length]!;
          const shareIndex = current.share % group.model.shares.length;
          const hold = await fixture.db.selectFrom('ledger_holds').selectAll().where('group_id', '=', group.id).where('share', '=', shareIndex).executeTakeFirstOrThrow();
          const result: Posted | undefined = await inTransaction((tx) =>
            fixture.ledger.postHold(tx, hold, wallets[current.to]!, { kind: 'red_packet_received', currency }),
          );
          const share = group.model.shares[shareIndex]!;
          if (share.status === 'open') {
            expect(result, where).toBeDefined();
            share.status = 'posted';
            model.balances[current.to]! += share.amount;
          } else {
            // A second post of the same share moves nothing.
            expect(result, where).toBeUndefined();
          }
          break;
        }
        case 'post_again': {
          const settled = groups.flatMap((group) =>
            group.model.shares.flatMap((share, index) => (share.status === 'open' ? [] : [{ group, index }])),
          );
          if (settled.length === 0) break;
          const { group, index: shareIndex } = settled[current.pick % settled.length]!;
          const hold = await fixture.db.selectFrom('ledger_holds').selectAll().where('group_id', '=', group.id).where('share', '=', shareIndex).executeTakeFirstOrThrow();
          const result = await inTransaction((tx) => fixture.ledger.postHold(tx, hold, wallets[current.to]!, { kind: 'red_packet_received', currency }));
          expect(result, where).toBeUndefined();
          break;
        }
        case 'void': {
          if (groups.length === 0) break;
          const group = groups[current.group % groups.length]!;
          const result = await inTransaction((tx) => fixture.ledger.voidGroup(tx, group.id, { kind: 'red_packet_refund', currency }));
          expect(result !== undefined, where).toBe(model.void(group.model));
          break;
        }
        case 'advance':
          fixture.clock.advance(current.ms);
          break;
        case 'sweep': {
          // What the expiry job does: void every group with an open hold past its expiry.
          const now = fixture.clock.now();
          for (const group of groups) {
            if (group.model.expiresAt > now) continue;
            const result = await inTransaction((tx) => fixture.ledger.voidGroup(tx, group.id, { kind: 'red_packet_expired', currency }));
            expect(result !== undefined, where).toBe(model.void(group.model));
          }
          break;
        }
        case 'bad_amount': {
          const [debit, credit] = current.unbalanced ? [-100, 99] : [-current.amount, current.amount];
          const result = await outcome(() =>
            inTransaction((tx) =>
              fixture.ledger.post(tx, {
                kind: 'transfer',
                currency,
                legs: [
                  { accountId: wallets[current.from]!, amount: debit, kind: 'transfer_sent' },
                  { accountId: wallets[current.to]!, amount: credit, kind: 'transfer_received' },
                ],
              }),
            ),
          );
          expect(result, where).toEqual({ ok: false, code: 'amount_invalid' });
          break;
        }
        case 'bad_share': {
          const result = await outcome(() =>
            inTransaction((tx) =>
              fixture.ledger.hold(tx, {
                sourceAccountId: wallets[current.user]!,
                currency,
                groupId: `${run}-bad${index}`,
                shares: [100, current.share],
                expiresAt: fixture.clock.now() + 1,
                kind: 'red_packet_sent',
              }),
            ),
          );
          expect(result, where).toEqual({ ok: false, code: 'amount_invalid' });
          break;
        }
      }
      await expectAgreement(where, model, wallets, groups);
    }
    // The same books checked over only this run's time: each chain starts from its last entry before it.
    const ranged = await reconciliation.run({ from: startedAt, to: fixture.clock.now() + 1 });
    expect(ranged.mismatches).toEqual([]);
  }

  async function expectAgreement(where: string, model: LedgerModel, wallets: string[], groups: { escrowId: string; model: ModelGroup }[]): Promise<void> {
    const actual = await balances([fundingId, ...wallets, ...groups.map((group) => group.escrowId)]);
    expect(
      { funding: actual.get(fundingId), users: wallets.map((id) => actual.get(id)), escrows: groups.map((group) => actual.get(group.escrowId)) },
      where,
    ).toEqual({ funding: model.funding, users: model.balances, escrows: groups.map((group) => model.escrow(group.model)) });
    const negative = await fixture.db
      .selectFrom('ledger_accounts')
      .select('id')
      .where('allow_negative', '=', 0)
      .where('balance', '<', 0)
      .execute();
    expect(negative, where).toEqual([]);
    const report = await reconciliation.run();
    expect(report.mismatches, where).toEqual([]);
    expect(report.ok).toBe(true);
    // Earlier runs' holds are in the database too; this run's model knows only its own.
    expect(report.warningCount, where).toBeGreaterThanOrEqual(model.overdue(fixture.clock.now(), defaultOverdueGraceMs));
  }

  it('agrees with the model after every step, and the books reconcile', async () => {
    await fc.assert(
      // 'max' size: lengths spread up to the maximum, so runs are long enough to settle a hold and then try it again.
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40, size: 'max' }), (steps) => play(steps)),
      { numRuns: runs, seed, endOnFailure: engine === 'postgres' },
    );
  }, 120_000);

  it('reports overdue holds as warnings, not mismatches', async () => {
    const alice = await fixture.wallet('overdue-alice', 1_000);
    const expiresAt = fixture.clock.now() + 1_000;
    await inTransaction((tx) =>
      fixture.ledger.hold(tx, { sourceAccountId: alice, currency, groupId: 'overdue-group', shares: [100, 200], expiresAt, kind: 'red_packet_sent' }),
    );
    fixture.clock.advance(1_000 + defaultOverdueGraceMs + 1);
    const report = await reconciliation.run({ listLimit: 100_000 });
    expect(report.ok).toBe(true);
    const mine = report.warnings.filter((warning) => warning.groupId === 'overdue-group');
    expect(mine.map((warning) => [warning.code, warning.amount]).sort()).toEqual([
      ['hold_overdue', 100],
      ['hold_overdue', 200],
    ]);
    await inTransaction((tx) => fixture.ledger.voidGroup(tx, 'overdue-group', { kind: 'red_packet_expired', currency }));
    const after = await reconciliation.run({ listLimit: 100_000 });
    expect(after.warnings.filter((warning) => warning.groupId === 'overdue-group')).toEqual([]);
  });

  it('pages through more rows than one page holds', async () => {
    const report = await reconciliation.run({ pageSize: 3 });
    const whole = await reconciliation.run();
    expect(report.mismatches).toEqual([]);
    expect(report.counts).toEqual(whole.counts);
    expect(report.counts.entries).toBeGreaterThan(3);
  });
});

describe.each(engines)('reconciliation finds tampering on %s', (engine) => {
  let fixture: LedgerFixture;
  let reconciliation: ReconciliationService;
  let alice: string;
  let bob: string;
  let transferId: string;

  beforeAll(async () => {
    fixture = await openLedger(engine);
    reconciliation = new ReconciliationService(fixture.db, fixture.clock);
  });
  afterAll(async () => fixture?.close());

  /** Lets the test rewrite history, as someone with database access could. */
  async function allowChanges(table: 'ledger_entries'): Promise<void> {
    if (fixture.dialect === 'sqlite') {
      await sql.raw(`DROP TRIGGER IF EXISTS ${table}_no_update`).execute(fixture.db);
      await sql.raw(`DROP TRIGGER IF EXISTS ${table}_no_delete`).execute(fixture.db);
    } else {
      await sql.raw(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_append_only`).execute(fixture.db);
    }
  }

  async function fresh(prefix: string): Promise<void> {
    alice = await fixture.wallet(`${prefix}-alice`, 1_000);
    bob = await fixture.wallet(`${prefix}-bob`);
    const posted = await fixture.db.transaction().execute((tx) =>
      fixture.ledger.post(tx, {
        kind: 'transfer',
        currency,
        legs: [
          { accountId: alice, amount: -300, kind: 'transfer_sent' },
          { accountId: bob, amount: 300, kind: 'transfer_received' },
        ],
      }),
    );
    transferId = posted.transferId;
    expect((await reconciliation.run()).ok).toBe(true);
  }

  const codes = (report: { mismatches: { code: string; accountId?: string; transferId?: string }[] }) =>
    report.mismatches.map((mismatch) => [mismatch.code, mismatch.accountId ?? mismatch.transferId ?? null]);

  it('a day\'s spending counter changed behind the ledger', async () => {
    await fresh('spent');
    await sql`UPDATE ledger_accounts SET spent_today = 0 WHERE id = ${alice}`.execute(fixture.db);
    const spent = (await reconciliation.run()).mismatches.filter((mismatch) => mismatch.code === 'spent_today_wrong');
    expect(spent.map((mismatch) => [mismatch.accountId, mismatch.expected, mismatch.actual])).toEqual([[alice, 300, 0]]);
    await sql`UPDATE ledger_accounts SET spent_today = 300 WHERE id = ${alice}`.execute(fixture.db);
    expect((await reconciliation.run()).mismatches.filter((mismatch) => mismatch.code === 'spent_today_wrong')).toEqual([]);
  });

  it('an entry whose amount was changed', async () => {
    await fresh('amount');
    await allowChanges('ledger_entries');
    await sql`UPDATE ledger_entries SET amount = 400 WHERE account_id = ${bob} AND version = 1`.execute(fixture.db);
    const report = await reconciliation.run();
    expect(report.ok).toBe(false);
    expect(codes(report)).toEqual(
      expect.arrayContaining([
        ['balance_after_wrong', bob],
        ['balance_not_sum', bob],
        ['transfer_unbalanced', transferId],
        ['transfer_amount_wrong', transferId],
        ['range_unbalanced', null],
      ]),
    );
    const entry = report.mismatches.find((mismatch) => mismatch.code === 'balance_after_wrong')!;
    expect([entry.version, entry.expected, entry.actual]).toEqual([1, 400, 300]);
    await sql`UPDATE ledger_entries SET amount = 300 WHERE account_id = ${bob} AND version = 1`.execute(fixture.db);
    expect((await reconciliation.run()).mismatches).toEqual([]);
  });

  it('a deleted entry and a balance changed behind the ledger', async () => {
    await fresh('gap');
    await fixture.db.transaction().execute((tx) =>
      fixture.ledger.post(tx, {
        kind: 'transfer',
        currency,
        legs: [
          { accountId: bob, amount: -100, kind: 'transfer_sent' },
          { accountId: alice, amount: 100, kind: 'transfer_received' },
        ],
      }),
    );
    await allowChanges('ledger_entries');
    await sql`DELETE FROM ledger_entries WHERE account_id = ${alice} AND version = 2`.execute(fixture.db);
    await sql`UPDATE ledger_accounts SET balance = balance + 5 WHERE id = ${bob}`.execute(fixture.db);
    const report = await reconciliation.run();
    const gap = report.mismatches.find((mismatch) => mismatch.code === 'version_gap');
    expect([gap?.accountId, gap?.expected, gap?.actual]).toEqual([alice, 2, 3]);
    expect(codes(report)).toEqual(expect.arrayContaining([['balance_wrong', bob], ['balance_not_sum', bob], ['transfer_legs_missing', transferId]]));
    const balance = report.mismatches.find((mismatch) => mismatch.code === 'balance_wrong')!;
    expect([balance.expected, balance.actual]).toEqual([200, 205]);
  });

  it('a hold settled without a transfer, and its escrow out of step', async () => {
    const carol = await fixture.wallet('hold-carol', 500);
    const { holds, escrow } = await fixture.db.transaction().execute((tx) =>
      fixture.ledger.hold(tx, { sourceAccountId: carol, currency, groupId: 'tampered-group', shares: [120, 80], expiresAt: fixture.clock.now() + 1, kind: 'red_packet_sent' }),
    );
    await sql`UPDATE ledger_holds SET status = 'posted', settle_transfer_id = 'no-such-transfer' WHERE id = ${holds[0]!.id}`.execute(fixture.db);
    const report = await reconciliation.run();
    const hold = report.mismatches.find((mismatch) => mismatch.code === 'hold_settlement_wrong');
    expect([hold?.holdId, hold?.accountId]).toEqual([holds[0]!.id, escrow.id]);
    const escrowed = report.mismatches.find((mismatch) => mismatch.code === 'escrow_balance_wrong');
    expect([escrowed?.accountId, escrowed?.expected, escrowed?.actual]).toEqual([escrow.id, 80, 200]);
  });
});

describe.each(engines)('reconciliation over a time range on %s', (engine) => {
  let fixture: LedgerFixture;
  afterAll(async () => fixture?.close());

  it('starts each chain from the entry before the range and chains through entries a stepped-back clock put outside it', async () => {
    fixture = await openLedger(engine);
    const reconciliation = new ReconciliationService(fixture.db, fixture.clock);
    const alice = await fixture.wallet('alice', 1_000);
    const bob = await fixture.wallet('bob');
    const pay = (amount: number) =>
      fixture.db.transaction().execute((tx) =>
        fixture.ledger.post(tx, {
          kind: 'transfer',
          currency,
          legs: [
            { accountId: alice, amount: -amount, kind: 'transfer_sent' },
            { accountId: bob, amount, kind: 'transfer_received' },
          ],
        }),
      );
    fixture.clock.advance(10_000);
    const from = fixture.clock.now();
    await pay(100); // alice v2, at `from`
    fixture.clock.advance(-5_000);
    await pay(200); // alice v3, before the range: the clock stepped back
    fixture.clock.advance(10_000);
    await pay(300); // alice v4, in the range again
    const ranged = await reconciliation.run({ from });
    expect(ranged.mismatches).toEqual([]);
    expect(ranged.counts).toMatchObject({ accounts: 2, entries: 4, transfers: 2 });
    const bounded = await reconciliation.run({ from, to: from + 1 });
    expect(bounded.mismatches).toEqual([]);
    expect(bounded.counts).toMatchObject({ accounts: 2, entries: 2, transfers: 1 });

    // A range finds a gap the same as a whole-history run.
    if (fixture.dialect === 'sqlite') await sql`DROP TRIGGER ledger_entries_no_delete`.execute(fixture.db);
    else await sql`ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only`.execute(fixture.db);
    await sql`DELETE FROM ledger_entries WHERE account_id = ${alice} AND version = 3`.execute(fixture.db);
    const broken = await reconciliation.run({ from });
    expect(broken.mismatches.filter((mismatch) => mismatch.code === 'version_gap').map((gap) => [gap.accountId, gap.expected, gap.actual])).toEqual([[alice, 3, 4]]);
  });
});
