import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, loadConfig, type App } from '@tessera/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, type WalletCommandOutput } from './wallet';

/** Runs `tessera wallet …` against the test database and captures what it prints. */
async function wallet(env: Record<string, string>, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const output: WalletCommandOutput = { env, out: (line) => out.push(line), err: (line) => err.push(line) };
  const code = await run(args, output);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('tessera wallet', () => {
  let dir: string;
  let env: Record<string, string>;
  let app: App;
  let url: string;
  let user: { id: string; token: string };
  const handle = `cli_${Math.random().toString(36).slice(2, 10)}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-wallet-cli-'));
    env = { TESSERA_DATA_DIR: dir, TESSERA_LOG_LEVEL: 'silent', TESSERA_HOST: '127.0.0.1', TESSERA_PORT: '0' };
    // A running server beside the command, as an operator would have it: both open the same database.
    app = await createApp(loadConfig(env), { scryptCost: 10 });
    url = await app.listen();
    const response = await fetch(`${url}/api/v1/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handle, password: 'correct horse battery', deviceName: 'test' }),
    });
    const body = (await response.json()) as { token: string; profile: { id: string } };
    user = { id: body.profile.id, token: body.token };
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const balance = async (): Promise<number> => {
    const response = await fetch(`${url}/api/v1/wallet`, { headers: { authorization: `Bearer ${user.token}` } });
    return ((await response.json()) as { balance: number }).balance;
  };

  it('credits by Tessera ID, debits by user id, and lists both in the audit log', async () => {
    const credit = await wallet(env, 'credit', '--user', handle, '--amount', '10.29', '--reason', 'welcome credit', '--operator', 'ops-lee');
    expect(credit.err).toBe('');
    expect(credit.code).toBe(0);
    expect(credit.out).toContain(`credited 10.29 CNY to ${handle} (${user.id}) (test money)`);
    expect(credit.out).toMatch(/balance {3}10\.29 CNY/);
    const debit = await wallet(env, 'debit', '--user', user.id, '--amount', '0.29', '--reason', 'rounding taken back', '--operator', 'ops-lee');
    expect(debit.code).toBe(0);
    expect(debit.out).toMatch(/balance {3}10\.00 CNY/);
    expect(await balance()).toBe(1000);

    const audit = await wallet(env, 'audit', '--limit', '10');
    expect(audit.code).toBe(0);
    const lines = audit.out.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`cli:ops-lee {2}operator_debit {2}${user.id} +-0\\.29 {2}rounding taken back$`));
    expect(lines[1]).toMatch(/operator_credit .* 10\.29 {2}welcome credit$/);
  });

  it('never overdraws, and a repeated key changes nothing', async () => {
    const before = await balance();
    const overdraw = await wallet(env, 'debit', '--user', handle, '--amount', '100000', '--reason', 'too much');
    expect(overdraw.code).toBe(1);
    expect(overdraw.err).toContain('insufficient_funds');
    const args = ['credit', '--user', handle, '--amount', '1', '--reason', 'retried credit', '--key', 'cli-retry-0001'];
    expect((await wallet(env, ...args)).code).toBe(0);
    expect((await wallet(env, ...args)).code).toBe(0);
    expect(await balance()).toBe(before + 100);
  });

  it('refuses bad arguments before touching the database', async () => {
    for (const args of [
      ['credit', '--user', handle, '--amount', '10.001', '--reason', 'three decimals'],
      ['credit', '--user', handle, '--amount', '-5', '--reason', 'negative'],
      ['debit', '--user', handle, '--amount', '5'],
      ['audit', '--limit', '0'],
      ['refund'],
    ]) {
      expect((await wallet(env, ...args)).code, args.join(' ')).toBe(2);
    }
    const unknown = await wallet(env, 'credit', '--user', 'nobody_here', '--amount', '1', '--reason', 'no such user');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('user_not_found');
  });
});
