/**
 * `npx tsx bench/ledger/reconcile.ts`: how long `tessera ledger reconcile` takes over a large ledger,
 * and how much memory it needs (it pages, so memory should not grow with the ledger).
 *
 * Writes a consistent ledger straight into a fresh database (--users wallets funded from the
 * funding account, then random transfers between them until about --entries entries, every tenth
 * one a three-share hold of which one share is paid out, one refunded and one left open), then runs
 * the real CLI in a child process under /usr/bin/time. Flags (or BENCH_<NAME> env vars): --engine
 * sqlite|postgres, --entries (200,000), --users (10,000). Ends with one RESULT line.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../packages/server/src/config';
import type { EntryRow, HoldRow, TransferRow } from '../../packages/server/src/modules/pay';
import { addPerRow, chunks } from '../../packages/server/src/platform/db/batch-sql';
import { migrateToLatest, openDatabase, type Database } from '../../packages/server/src/platform/db/database';
import { Flags } from '../lib/args';
import { createBenchDatabase } from '../lib/database';

const flags = new Flags();
const engine = flags.engine();
const targetEntries = flags.number('entries', 200_000);
const userCount = Math.max(2, flags.number('users', 10_000));
const log = (line: string) => console.log(line);

/** A fixed pseudo-random sequence, so two runs write the same ledger. */
let state = 42;
const random = (below: number) => {
  state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
  return Math.floor((state / 2_147_483_648) * below);
};

interface Account {
  id: string;
  balance: number;
  version: number;
}

const id = (prefix: string, index: number) => `${prefix}${index.toString(36).padStart(8, '0')}`;

/** Buffers rows and writes them in multi-row INSERTs, a transaction per flush. */
class Writer {
  entries: EntryRow[] = [];
  transfers: TransferRow[] = [];
  holds: HoldRow[] = [];
  written = 0;
  constructor(private readonly db: Database) {}

  async flush(force = false): Promise<void> {
    if (!force && this.entries.length < 20_000) return;
    const { entries, transfers, holds } = this;
    this.entries = [];
    this.transfers = [];
    this.holds = [];
    await this.db.transaction().execute(async (tx) => {
      for (const chunk of chunks(transfers, 9)) await tx.insertInto('ledger_transfers').values(chunk).execute();
      for (const chunk of chunks(entries, 8)) await tx.insertInto('ledger_entries').values(chunk).execute();
      for (const chunk of chunks(holds, 12)) await tx.insertInto('ledger_holds').values(chunk).execute();
    });
    this.written += entries.length;
  }
}

async function populate(db: Database): Promise<{ entries: number; transfers: number; holds: number }> {
  const now = Date.UTC(2026, 10, 1);
  const funding: Account = { id: 'funding', balance: 0, version: 0 };
  const users: Account[] = Array.from({ length: userCount }, (_, index) => ({ id: id('u', index), balance: 0, version: 0 }));
  const escrows: Account[] = [];
  const accountRow = (account: Account, kind: string, allowNegative = 0) => ({
    id: account.id,
    owner_kind: kind,
    owner_id: account.id,
    currency: 'CNY',
    balance: 0,
    version: 0,
    allow_negative: allowNegative,
    created_at: now,
  });
  for (const chunk of chunks([accountRow(funding, 'funding', 1), ...users.map((user) => accountRow(user, 'user'))], 8)) {
    await db.insertInto('ledger_accounts').values(chunk).execute();
  }
  const writer = new Writer(db);
  let transferCount = 0;
  let holdCount = 0;
  const post = (kind: string, legs: [Account, number][], extra: Partial<TransferRow> = {}): string => {
    const transferId = id('t', transferCount++);
    const createdAt = now + transferCount;
    writer.transfers.push({
      id: transferId,
      kind,
      currency: 'CNY',
      amount: legs.reduce((sum, [, amount]) => sum + Math.max(0, amount), 0),
      memo: '',
      reference_id: null,
      conversation_id: null,
      hold_id: null,
      created_at: createdAt,
      ...extra,
    });
    for (const [account, amount] of legs) {
      account.balance += amount;
      account.version += 1;
      writer.entries.push({
        account_id: account.id,
        version: account.version,
        transfer_id: transferId,
        amount,
        balance_after: account.balance,
        kind,
        counterparty_id: null,
        created_at: createdAt,
      });
    }
    return transferId;
  };
  for (const user of users) {
    post('top_up', [[funding, -1_000_000], [user, 1_000_000]]);
    await writer.flush();
  }
  while (writer.written + writer.entries.length < targetEntries) {
    const from = users[random(users.length)]!;
    const to = users[random(users.length)]!;
    if (from === to) continue;
    const amount = 1 + random(1_000);
    if (from.balance < 3 * amount) continue;
    if (transferCount % 10 === 0) {
      // A red packet: three shares held; one paid out, one refunded, one still open.
      const groupId = id('g', holdCount);
      const escrow: Account = { id: id('e', escrows.length), balance: 0, version: 0 };
      escrows.push(escrow);
      await db.insertInto('ledger_accounts').values({ ...accountRow(escrow, 'escrow'), owner_id: groupId }).execute();
      post('red_packet_sent', [[from, -3 * amount], [escrow, 3 * amount]], { reference_id: groupId });
      const paid = post('red_packet_received', [[escrow, -amount], [to, amount]], { reference_id: groupId });
      const refunded = post('red_packet_refund', [[escrow, -amount], [from, amount]], { reference_id: groupId });
      const hold = (share: number, status: HoldRow['status'], settle: string | null, recipient: Account | null): HoldRow => ({
        id: id('h', holdCount++),
        group_id: groupId,
        share,
        escrow_account_id: escrow.id,
        source_account_id: from.id,
        amount,
        status,
        expires_at: now + 86_400_000 * 365 * 10,
        created_at: now + transferCount,
        settled_at: settle ? now + transferCount : null,
        settle_transfer_id: settle,
        recipient_account_id: recipient?.id ?? null,
      });
      writer.holds.push(hold(0, 'posted', paid, to), hold(1, 'voided', refunded, from), hold(2, 'open', null, null));
    } else {
      post('transfer', [[from, -amount], [to, amount]]);
    }
    await writer.flush();
  }
  await writer.flush(true);
  // The account rows last, as the ledger would have left them.
  for (const chunk of chunks([funding, ...users, ...escrows], 1_000)) {
    await db
      .updateTable('ledger_accounts')
      .set({
        balance: addPerRow('balance', 'id', new Map(chunk.map((account) => [account.id, account.balance]))),
        version: addPerRow('version', 'id', new Map(chunk.map((account) => [account.id, account.version]))),
      })
      .where('id', 'in', chunk.map((account) => account.id))
      .execute();
  }
  return { entries: writer.written, transfers: transferCount, holds: holdCount };
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'tessera-bench-ledger-'));
const database = await createBenchDatabase(engine);
const env = { ...process.env, TESSERA_DATA_DIR: dataDir, ...(database.url ? { TESSERA_DATABASE_URL: database.url } : {}) };
try {
  const config = loadConfig(env);
  const { db, dialect } = openDatabase(config.database);
  await migrateToLatest(db, dialect);
  const populateStarted = performance.now();
  const written = await populate(db);
  await db.destroy();
  log(`wrote ${written.entries} entries, ${written.transfers} transfers, ${written.holds} holds in ${((performance.now() - populateStarted) / 1000).toFixed(1)} s (${engine})`);
  const started = performance.now();
  const child = spawnSync('/usr/bin/time', ['-f', 'max_rss_kb=%M', process.execPath, '--import', 'tsx', 'packages/cli/src/main.ts', 'ledger', 'reconcile'], {
    env,
    encoding: 'utf8',
  });
  const wall = (performance.now() - started) / 1000;
  log(child.stdout.trimEnd());
  // The report's own time, without the CLI's start-up (loading TypeScript through tsx).
  const seconds = Number(/\(([\d.]+) s\)/.exec(child.stdout)?.[1] ?? Number.NaN);
  const rss = Number(/max_rss_kb=(\d+)/.exec(child.stderr)?.[1] ?? Number.NaN) / 1024;
  log(child.stderr.trimEnd());
  log(
    `RESULT ledger_reconcile engine=${engine} entries=${written.entries} seconds=${seconds.toFixed(1)} wall_seconds=${wall.toFixed(1)} entries_per_s=${Math.round(written.entries / seconds)} max_rss_mb=${rss.toFixed(0)} exit=${child.status}`,
  );
} finally {
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
}
