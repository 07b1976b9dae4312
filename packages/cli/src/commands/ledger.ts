import { existsSync } from 'node:fs';
import {
  ConfigError,
  ReconciliationService,
  defaultOverdueGraceMs,
  loadConfig,
  openDatabase,
  systemClock,
  type Config,
  type ReconciliationProgress,
  type ReconciliationReport,
} from '@tessera/server';
import { parseArguments } from '../miniprogram/cli-arguments';

const USAGE = `Usage: tessera ledger reconcile [--from <ISO time>] [--to <ISO time>] [--grace-minutes <n>] [--json]

Checks the payment ledger's books in the database that \`tessera start\` uses (TESSERA_DATABASE_URL,
TESSERA_DATA_DIR): every account's entries chain, every transfer sums to zero, every hold is settled
by a transfer that exists, every escrow account holds exactly its open holds. Reads only; safe to run
beside a live server. --from/--to limit the check to what was written in [from, to).
Open holds past their expiry by more than --grace-minutes (default ${defaultOverdueGraceMs / 60_000}) are warnings.
Exits 0 when the books agree (warnings allowed), 1 on any mismatch, 2 on bad arguments or settings.`;

/** Where the command writes: stdout for the report, stderr for progress and problems. */
export interface CommandOutput {
  env: Record<string, string | undefined>;
  out(line: string): void;
  err(line: string): void;
  /** Rewrites the current progress line in place (a terminal); undefined to print progress as lines. */
  progress?: (line: string) => void;
}

const defaultOutput: CommandOutput = {
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  progress: process.stderr.isTTY ? (line) => process.stderr.write(`\r${line.padEnd(79)}\r`) : undefined,
};

/** An ISO 8601 time (or date, read as UTC midnight) as epoch milliseconds; undefined when absent. */
function parseTime(name: string, value: string | true | undefined): number | undefined {
  if (value === undefined) return undefined;
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw new UsageError(`--${name} must be an ISO 8601 time, such as 2026-11-01 or 2026-11-01T08:00:00Z`);
  return time;
}

class UsageError extends Error {}

/** `tessera ledger <subcommand>`: operator commands for the payment ledger. */
export async function run(args: string[], output: CommandOutput = defaultOutput): Promise<number> {
  const { positional, options } = parseArguments(args, ['help', 'json']);
  if (options.help || positional[0] !== 'reconcile' || positional.length !== 1) {
    (options.help ? output.out : output.err)(USAGE);
    return options.help ? 0 : 2;
  }
  let from: number | undefined;
  let to: number | undefined;
  let graceMs = defaultOverdueGraceMs;
  let config: Config;
  try {
    from = parseTime('from', options.from);
    to = parseTime('to', options.to);
    if (from !== undefined && to !== undefined && from >= to) throw new UsageError('--from must be before --to');
    if (options['grace-minutes'] !== undefined) {
      const minutes = Number(options['grace-minutes']);
      if (!Number.isInteger(minutes) || minutes < 0) throw new UsageError('--grace-minutes must be a whole number of minutes');
      graceMs = minutes * 60_000;
    }
    config = loadConfig(output.env);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      output.err(`tessera ledger reconcile: ${error.message}`);
      return 2;
    }
    throw error;
  }
  if (config.database.kind === 'sqlite' && !existsSync(config.database.file)) {
    output.err(`tessera ledger reconcile: no database at ${config.database.file} (set TESSERA_DATABASE_URL or TESSERA_DATA_DIR as for tessera start)`);
    return 2;
  }
  const { db } = openDatabase(config.database);
  const started = performance.now();
  let lastProgress = 0;
  const onProgress = (progress: ReconciliationProgress) => {
    const now = performance.now();
    // A line every few seconds in a log; a live line on a terminal.
    if (now - lastProgress < (output.progress ? 200 : 2_000)) return;
    lastProgress = now;
    const line = `${progressLabel(progress)}, ${progress.mismatches} mismatches so far (${((now - started) / 1000).toFixed(0)} s)`;
    (output.progress ?? output.err)(line);
  };
  let report: ReconciliationReport;
  try {
    report = await new ReconciliationService(db, systemClock).run({ from, to, overdueGraceMs: graceMs, onProgress });
  } catch (error) {
    if (/ledger_accounts/.test(String(error))) {
      output.err(`tessera ledger reconcile: the database has no ledger tables; start the server once to create them (${String(error)})`);
      return 2;
    }
    throw error;
  } finally {
    output.progress?.('');
    await db.destroy();
  }
  if (options.json) output.out(JSON.stringify(report, null, 2));
  else for (const line of describeReport(report, performance.now() - started)) output.out(line);
  return report.ok ? 0 : 1;
}

function progressLabel(progress: ReconciliationProgress): string {
  const count = progress.checked.toLocaleString('en');
  switch (progress.phase) {
    case 'accounts':
      return `checking account chains: ${count} entries`;
    case 'transfers':
      return `checking transfers: ${count}`;
    case 'holds':
      return `checking holds: ${count}`;
    case 'escrow':
      return `checking escrow accounts: ${count}`;
    case 'overdue':
      return `checking overdue holds: ${count}`;
  }
}

const iso = (time: number | null) => (time === null ? '…' : new Date(time).toISOString());

/** The report as an operator reads it: what was checked, each mismatch, each warning, the verdict. */
export function describeReport(report: ReconciliationReport, elapsedMs: number): string[] {
  const range = report.from === null && report.to === null ? 'all time' : `[${iso(report.from)}, ${iso(report.to)})`;
  const figure = (value: number) => value.toLocaleString('en').padStart(12);
  const lines = [
    `Ledger reconciliation, ${range}, as of ${iso(report.checkedAt)} (${(elapsedMs / 1000).toFixed(1)} s)`,
    `  accounts        ${figure(report.counts.accounts)}`,
    `  entries         ${figure(report.counts.entries)}   (net ${report.entriesNet})`,
    `  transfers       ${figure(report.counts.transfers)}`,
    `  holds           ${figure(report.counts.holds)}`,
    `  escrow accounts ${figure(report.counts.escrowAccounts)}`,
  ];
  if (report.mismatchCount > 0) {
    lines.push('', `Mismatches (${report.mismatchCount}${report.mismatches.length < report.mismatchCount ? `, first ${report.mismatches.length} listed` : ''}):`);
    for (const mismatch of report.mismatches) {
      const ids = [
        mismatch.accountId && `account ${mismatch.accountId}`,
        mismatch.transferId && `transfer ${mismatch.transferId}`,
        mismatch.holdId && `hold ${mismatch.holdId}`,
      ].filter(Boolean);
      const values = mismatch.expected !== undefined || mismatch.actual !== undefined ? ` expected ${String(mismatch.expected)}, actual ${String(mismatch.actual)};` : '';
      lines.push(`  ${mismatch.code.padEnd(22)} ${ids.join(', ')}${ids.length ? ':' : ''}${values} ${mismatch.message}`);
    }
  }
  if (report.warningCount > 0) {
    lines.push('', `Warnings (${report.warningCount}${report.warnings.length < report.warningCount ? `, first ${report.warnings.length} listed` : ''}):`);
    for (const warning of report.warnings) lines.push(`  ${warning.code.padEnd(22)} ${warning.message}`);
  }
  lines.push('', report.ok ? 'OK: the books agree.' : `FAILED: ${report.mismatchCount} mismatch${report.mismatchCount === 1 ? '' : 'es'}.`);
  return lines;
}
