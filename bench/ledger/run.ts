/**
 * `npm run bench:ledger [-- --engine postgres]`: throughput and latency of the payment ledger.
 *
 * Runs the real server's services in this process (no HTTP: what is measured is the ledger and
 * its database, not Fastify) over a fresh database with persistence on (SQLite WAL file, or a fresh
 * PostgreSQL database dropped afterwards):
 *  1. transfers: --wallets funded wallets; --concurrency callers each post random wallet-to-wallet
 *     transfers (1.00 to 9.99, each with its own idempotency key) through the ledger's batched writer
 *     for --seconds; latency is from the call to the durable answer.
 *  2. grabs: one group of --members users, one lucky red packet with a share for each of them
 *     (limits raised for the run), every member grabs at once; grabs_per_s = shares / time to the
 *     last answer.
 *  3. invariants: the reconciliation (every account's chain and balance, every transfer balanced,
 *     escrow accounts equal their open holds), plus money conservation across the wallets.
 * Ends with `RESULT ledger engine= transfers_per_s= p99_ms= grabs_per_s=` and the extra figures.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp, loadConfig } from '../../packages/server/src/index';
import { LedgerWriter, ReconciliationService, ledgerRepository } from '../../packages/server/src/modules/pay';
import { systemClock } from '../../packages/server/src/platform/clock';
import { Flags } from '../lib/args';
import { createBenchDatabase } from '../lib/database';
import { Samples } from '../lib/stats';

const flags = new Flags();
const engine = flags.engine();
const walletCount = flags.number('wallets', 1_000);
const concurrency = flags.number('concurrency', 512);
const seconds = flags.number('seconds', 5);
const warmupSeconds = flags.number('warmup', 1);
const memberCount = flags.number('members', 1_000);
const log = (line: string) => console.log(line);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-ledger-'));
const database = await createBenchDatabase(engine);
const config = loadConfig({
  TESSERA_DATA_DIR: dataDir,
  ...(database.url ? { TESSERA_DATABASE_URL: database.url } : {}),
  TESSERA_LOG_LEVEL: 'warn',
  TESSERA_DB_POOL_SIZE: '20',
  TESSERA_LOGIN_RATE_PER_MINUTE: '1000000',
  TESSERA_GROUP_MEMBER_LIMIT: String(Math.max(500, memberCount + 1)),
  TESSERA_RED_PACKET_MAX_SHARES: String(Math.max(100, memberCount)),
  TESSERA_RED_PACKET_MAX_AMOUNT: String(memberCount * 1_000),
  TESSERA_PAY_DAILY_LIMIT: String(memberCount * 1_000),
});
const app = await createApp(config, { scryptCost: 10 });
const { pay, accounts, contacts, groups } = app.services;
const currency = config.pay.currency;

try {
  log(`ledger benchmark on ${engine}: ${walletCount} wallets, ${concurrency} concurrent callers, ${seconds} s`);

  // 1. Transfers.
  const wallets: string[] = [];
  await app.db.transaction().execute(async (tx) => {
    const funding = await pay.ledger.account(tx, 'funding', 'sandbox', currency);
    const owners = Array.from({ length: walletCount }, (_, index) => `bench-wallet-${index}`);
    const accountsByOwner = await pay.ledger.accounts(tx, 'user', owners, currency);
    for (const owner of owners) wallets.push(accountsByOwner.get(owner)!.id);
    const specs = wallets.map((accountId) => ({
      kind: 'top_up',
      currency,
      legs: [
        { accountId: funding.id, amount: -1_000_000, kind: 'top_up' },
        { accountId, amount: 1_000_000, kind: 'top_up' },
      ],
    }));
    for (let start = 0; start < specs.length; start += 200) await pay.ledger.postMany(tx, specs.slice(start, start + 200));
  });
  const writer = new LedgerWriter(app.db, pay.ledger, systemClock, { concurrentBatches: app.dialect === 'postgres' ? 2 : 1 });
  const latencies = new Samples();
  let posted = 0;
  let failed = 0;
  let measuring = false;
  let stop = false;
  const caller = async (worker: number) => {
    let sequence = 0;
    while (!stop) {
      const from = wallets[Math.floor(Math.random() * wallets.length)]!;
      let to = wallets[Math.floor(Math.random() * wallets.length)]!;
      if (to === from) to = wallets[(wallets.indexOf(from) + 1) % wallets.length]!;
      const amount = 100 + Math.floor(Math.random() * 900);
      const started = performance.now();
      try {
        await writer.transfer({
          callerId: `bench-${worker}`,
          idempotencyKey: `t-${worker}-${sequence++}`,
          spec: {
            kind: 'transfer',
            currency,
            legs: [
              { accountId: from, amount: -amount, kind: 'transfer_sent' },
              { accountId: to, amount, kind: 'transfer_received' },
            ],
          },
        });
        if (measuring) {
          latencies.push(performance.now() - started);
          posted++;
        }
      } catch {
        if (measuring) failed++;
      }
    }
  };
  const callers = Array.from({ length: concurrency }, (_, worker) => caller(worker));
  await new Promise((resolve) => setTimeout(resolve, warmupSeconds * 1000));
  measuring = true;
  const measuredFrom = performance.now();
  for (let second = 1; second <= seconds; second++) {
    const before = posted;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    log(`  second ${second}: ${posted - before} transfers`);
  }
  measuring = false;
  const elapsed = (performance.now() - measuredFrom) / 1000;
  stop = true;
  await Promise.all(callers);
  const [p50, p99] = latencies.percentiles(50, 99);
  const transfersPerSecond = posted / elapsed;
  log(`transfers: ${posted} in ${elapsed.toFixed(2)} s = ${transfersPerSecond.toFixed(0)}/s, p50 ${p50!.toFixed(2)} ms, p99 ${p99!.toFixed(2)} ms, failed ${failed}`);

  // 2. Grabs of one hot packet.
  log(`grabs: registering ${memberCount} members of one group…`);
  const register = async (index: number) => {
    const signedIn = await accounts.register(
      { handle: `grab_${index}_${randomBytes(3).toString('hex')}`, password: 'bench password 1', deviceName: 'bench' },
      '127.0.0.1',
    );
    return { userId: signedIn.profile.id, sessionId: signedIn.session.id };
  };
  const sender = await register(-1);
  const senderId = sender.userId;
  const memberIds: string[] = [];
  for (let start = 0; start < memberCount; start += 50) {
    const batch = await Promise.all(Array.from({ length: Math.min(50, memberCount - start) }, (_, offset) => register(start + offset)));
    memberIds.push(...batch.map((member) => member.userId));
    for (const member of batch) {
      const request = await contacts.sendRequest(sender, member.userId, '');
      await contacts.answerRequest(member, request.id, true);
    }
  }
  const group = await groups.create(sender, { name: 'bench', memberIds });
  await pay.wallet.setPaymentPassword(senderId, '135790', 'bench password 1');
  await app.db.transaction().execute(async (tx) => {
    const funding = await pay.ledger.account(tx, 'funding', 'sandbox', currency);
    const account = await pay.wallet.account(tx, senderId);
    await pay.ledger.post(tx, {
      kind: 'top_up',
      currency,
      legs: [
        { accountId: funding.id, amount: -memberCount * 1_000, kind: 'top_up' },
        { accountId: account.id, amount: memberCount * 1_000, kind: 'top_up' },
      ],
    });
  });
  const { packet } = await pay.packets.send(senderId, group.conversation.id, {
    mode: 'lucky',
    amount: memberCount * 500,
    shareCount: memberCount,
    greeting: 'bench',
    paymentPassword: '135790',
    idempotencyKey: `bench-packet-${randomBytes(4).toString('hex')}`,
  });
  const grabStarted = performance.now();
  const grabLatencies = new Samples();
  const outcomes = await Promise.all(
    memberIds.map(async (memberId) => {
      const started = performance.now();
      const result = await pay.packets.grab(memberId, packet.id);
      grabLatencies.push(performance.now() - started);
      return result.outcome;
    }),
  );
  const grabSeconds = (performance.now() - grabStarted) / 1000;
  const grabbed = outcomes.filter((outcome) => outcome === 'grabbed').length;
  const grabsPerSecond = grabbed / grabSeconds;
  const [grabP50, grabP99] = grabLatencies.percentiles(50, 99);
  log(`grabs: ${grabbed} of ${memberCount} shares in ${grabSeconds.toFixed(3)} s = ${grabsPerSecond.toFixed(0)}/s, p50 ${grabP50!.toFixed(1)} ms, p99 ${grabP99!.toFixed(1)} ms`);

  // 3. Invariants.
  const report = await new ReconciliationService(app.db, systemClock).run();
  let walletTotal = 0;
  for (const accountId of wallets) walletTotal += (await ledgerRepository.findAccountById(app.db, accountId))!.balance;
  const conserved = walletTotal === walletCount * 1_000_000;
  const packetDone = grabbed === memberCount;
  const invariants = report.ok && conserved && packetDone ? 'ok' : 'failed';
  log(
    `invariants: reconciliation ${report.ok ? 'ok' : `FAILED (${report.mismatchCount} mismatches)`}, ` +
      `wallet money ${conserved ? 'conserved' : `NOT conserved (${walletTotal})`}, packet ${packetDone ? 'fully grabbed' : 'NOT fully grabbed'}`,
  );
  log(
    `RESULT ledger engine=${engine} transfers_per_s=${transfersPerSecond.toFixed(0)} p99_ms=${p99!.toFixed(2)} grabs_per_s=${grabsPerSecond.toFixed(0)} ` +
      `p50_ms=${p50!.toFixed(2)} failed=${failed} grab_p99_ms=${grabP99!.toFixed(1)} invariants=${invariants}`,
  );
  if (invariants !== 'ok') process.exitCode = 1;
} finally {
  await app.close();
  await database.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
