import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
// The server's own test fixture: a migrated database with a ledger over it.
import { engines } from '../../../server/test/databases';
import { openLedger, type LedgerFixture } from '../../../server/test/ledger-support';
import { run, type CommandOutput } from './ledger';

function capture(env: Record<string, string | undefined>): CommandOutput & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { env, stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
}

describe('tessera ledger reconcile: arguments', () => {
  it('refuses a bad time, a reversed range and an unknown subcommand with status 2', async () => {
    const output = capture({ TESSERA_DATABASE_URL: 'sqlite:/nonexistent/tessera.db' });
    expect(await run(['reconcile', '--from', 'yesterday'], output)).toBe(2);
    expect(await run(['reconcile', '--from', '2026-02-01', '--to', '2026-01-01'], output)).toBe(2);
    expect(await run(['balance'], output)).toBe(2);
    expect(output.stderr.join('\n')).toMatch(/--from must be an ISO 8601 time[\s\S]*--from must be before --to[\s\S]*Usage: tessera ledger reconcile/);
  });

  it('refuses to create a database that is not there', async () => {
    const output = capture({ TESSERA_DATABASE_URL: 'sqlite:/nonexistent/tessera.db' });
    expect(await run(['reconcile'], output)).toBe(2);
    expect(output.stderr.join('\n')).toMatch(/no database at \/nonexistent\/tessera\.db/);
  });
});

describe.each(engines)('tessera ledger reconcile on %s', (engine) => {
  let fixture: LedgerFixture | undefined;
  afterEach(async () => fixture?.close());

  it('prints the counts and exits 0 on sound books, 1 with the account named when an entry was changed', async () => {
    fixture = await openLedger(engine);
    const url = fixture.dialect === 'sqlite' ? `sqlite:${(await sql<{ file: string }>`PRAGMA database_list`.execute(fixture.db)).rows[0]!.file}` : undefined;
    const env = { TESSERA_DATABASE_URL: url ?? (await postgresUrl(fixture)) };
    const alice = await fixture.wallet('alice', 1_000);
    const bob = await fixture.wallet('bob', 10);

    const sound = capture(env);
    expect(await run(['reconcile'], sound)).toBe(0);
    const text = sound.stdout.join('\n');
    expect(text).toMatch(/Ledger reconciliation, all time/);
    expect(text).toMatch(/accounts\s+3\n\s+entries\s+4\s+\(net 0\)\n\s+transfers\s+2/);
    expect(text).toMatch(/OK: the books agree\./);

    if (fixture.dialect === 'sqlite') await sql`DROP TRIGGER ledger_entries_no_update`.execute(fixture.db);
    else await sql`ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only`.execute(fixture.db);
    await sql`UPDATE ledger_entries SET balance_after = 999 WHERE account_id = ${alice}`.execute(fixture.db);
    const broken = capture(env);
    expect(await run(['reconcile'], broken)).toBe(1);
    const report = broken.stdout.join('\n');
    expect(report).toContain(`balance_after_wrong    account ${alice}`);
    expect(report).toContain(`balance_wrong          account ${alice}: expected 999, actual 1000;`);
    expect(report).not.toContain(bob);
    expect(report).toMatch(/FAILED: 2 mismatches\./);

    // A range that ends before anything was written checks nothing and finds nothing.
    const empty = capture(env);
    expect(await run(['reconcile', '--to', '2000-01-01', '--json'], empty)).toBe(0);
    expect(JSON.parse(empty.stdout.join('\n'))).toMatchObject({ ok: true, counts: { entries: 0, transfers: 0 }, to: Date.UTC(2000, 0, 1) });
  });
});

/** The fixture's PostgreSQL database, as a URL the command can open. */
async function postgresUrl(fixture: LedgerFixture): Promise<string> {
  const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(fixture.db);
  const url = new URL(process.env.TESSERA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${rows[0]!.name}`;
  return url.toString();
}
