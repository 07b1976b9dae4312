import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { ConfigError, loadConfig, openOperatorConsole, type Config, type OperatorConsole } from '@tessera/server';
import { parseArguments } from '../miniprogram/cli-arguments';
import { formatYuan, parseYuan } from '../wallet/yuan';

const USAGE = `Usage: tessera wallet credit --user <Tessera ID or user id> --amount <yuan> --reason "<why>" [--key <idempotency key>] [--operator <name>]
       tessera wallet debit  --user <Tessera ID or user id> --amount <yuan> --reason "<why>" [--key <idempotency key>] [--operator <name>]
       tessera wallet audit  [--limit <n>]

Issues (credit) or withdraws (debit) wallet credit as the operator, in the database that \`tessera start\`
uses (TESSERA_DATABASE_URL, TESSERA_DATA_DIR). Amounts are yuan with at most two decimals, such as 10.00.
Every adjustment is written to the audit log with the reason and the operator (--operator, or the
login name). A debit never overdraws a wallet. Pass --key to make a retried command safe: the same key
with the same adjustment changes nothing the second time. \`audit\` lists the latest audit log entries.
Exits 0 on success, 1 when the adjustment is refused, 2 on bad arguments or settings.`;

/** Where the command writes: stdout for results, stderr for problems. */
export interface WalletCommandOutput {
  env: Record<string, string | undefined>;
  out(line: string): void;
  err(line: string): void;
}

const defaultOutput: WalletCommandOutput = {
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

class UsageError extends Error {}

interface Adjustment {
  user: string;
  amount: number;
  reason: string;
  idempotencyKey: string;
  operator: string;
}

function adjustmentOf(direction: 'credit' | 'debit', options: Record<string, string | true>): Adjustment {
  const text = (name: string): string => {
    const value = options[name];
    if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
    return value;
  };
  const fen = parseYuan(text('amount'));
  if (fen === undefined) throw new UsageError('--amount must be a positive number of yuan with at most two decimals, such as 10.00');
  const operator = typeof options.operator === 'string' ? options.operator : userInfo().username;
  return {
    user: text('user'),
    amount: direction === 'credit' ? fen : -fen,
    reason: text('reason'),
    idempotencyKey: typeof options.key === 'string' ? options.key : `cli-${randomUUID()}`,
    operator: `cli:${operator}`.slice(0, 64),
  };
}

function limitOf(options: Record<string, string | true>): number {
  if (options.limit === undefined) return 50;
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit must be a whole number from 1 to 500');
  return limit;
}

/** An error the server refused the command with: its stable code and message. */
function refusal(error: unknown): string | undefined {
  if (error instanceof Error && error.name === 'AppError' && 'code' in error) return `${String(error.code)}: ${error.message}`;
  return undefined;
}

async function adjust(tools: OperatorConsole, adjustment: Adjustment, output: WalletCommandOutput): Promise<void> {
  const { wallet, movement, handle } = await tools.adjust(adjustment.operator, adjustment);
  const verb = movement.amount > 0 ? 'credited' : 'debited';
  const test = wallet.testMoney ? ' (test money)' : '';
  output.out(`${verb} ${formatYuan(Math.abs(movement.amount))} ${wallet.currency} ${movement.amount > 0 ? 'to' : 'from'} ${handle} (${wallet.userId})${test}`);
  output.out(`  balance   ${formatYuan(wallet.balance)} ${wallet.currency}`);
  output.out(`  transfer  ${movement.id}`);
  output.out(`  reason    ${movement.memo}`);
  output.out(`  key       ${adjustment.idempotencyKey}`);
}

async function audit(tools: OperatorConsole, limit: number, output: WalletCommandOutput): Promise<void> {
  const entries = await tools.audit(limit);
  if (entries.length === 0) {
    output.out('the audit log is empty');
    return;
  }
  for (const entry of entries) {
    const amount = entry.amount === null ? '' : formatYuan(entry.amount);
    output.out([entry.at, entry.actor, entry.action, entry.userId ?? '-', amount.padStart(12), entry.reason].join('  '));
  }
}

/** `tessera wallet credit|debit|audit`: the operator's wallet adjustments and their audit log. */
export async function run(args: string[], output: WalletCommandOutput = defaultOutput): Promise<number> {
  const { positional, options } = parseArguments(args, ['help']);
  const [subcommand] = positional;
  if (options.help || positional.length !== 1 || !['credit', 'debit', 'audit'].includes(subcommand ?? '')) {
    (options.help ? output.out : output.err)(USAGE);
    return options.help ? 0 : 2;
  }
  let config: Config;
  let adjustment: Adjustment | undefined;
  let limit = 50;
  try {
    if (subcommand === 'audit') limit = limitOf(options);
    else adjustment = adjustmentOf(subcommand as 'credit' | 'debit', options);
    config = loadConfig(output.env);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      output.err(`tessera wallet ${subcommand}: ${error.message}`);
      return 2;
    }
    throw error;
  }
  if (config.database.kind === 'sqlite' && !existsSync(config.database.file)) {
    output.err(`tessera wallet: no database at ${config.database.file} (set TESSERA_DATABASE_URL or TESSERA_DATA_DIR as for tessera start)`);
    return 2;
  }
  const operatorConsole = await openOperatorConsole(config);
  try {
    if (adjustment) await adjust(operatorConsole, adjustment, output);
    else await audit(operatorConsole, limit, output);
    return 0;
  } catch (error) {
    const refused = refusal(error);
    if (refused === undefined) throw error;
    output.err(`tessera wallet ${subcommand}: ${refused}`);
    return 1;
  } finally {
    await operatorConsole.close();
  }
}
