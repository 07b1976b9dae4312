import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('runs on one machine with no settings at all', () => {
    const config = loadConfig({});
    expect(config.host).toBe('0.0.0.0');
    expect(config.port).toBe(8080);
    expect(config.publicUrl).toBeUndefined();
    expect(config.natsUrl).toBeUndefined();
    expect(config.logLevel).toBe('info');
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.nodeId).toBe(`node-${process.pid}`);
    expect(config.limits).toEqual({
      groupMembers: 500,
      mediaMaxBytes: 25 * 1024 * 1024,
      recallWindowMs: 120_000,
      sessionTtlMs: 90 * 86_400_000,
      loginMaxFailures: 5,
      loginLockoutMs: 900_000,
      loginRatePerMinute: 20,
      wsSendBufferBytes: 4 * 1024 * 1024,
      wsHeartbeatMs: 30_000,
      syncBatchSize: 500,
    });
  });

  it('keeps the SQLite file under the data directory by default', () => {
    const config = loadConfig({ TESSERA_DATA_DIR: '/srv/tessera-data' });
    expect(config.dataDir).toBe('/srv/tessera-data');
    expect(config.database).toEqual({ kind: 'sqlite', file: path.join('/srv/tessera-data', 'tessera.db') });
  });

  it('resolves a relative data directory against the working directory', () => {
    const config = loadConfig({ TESSERA_DATA_DIR: 'relative/dir' });
    expect(config.dataDir).toBe(path.resolve('relative/dir'));
    expect(config.database).toEqual({ kind: 'sqlite', file: path.join(path.resolve('relative/dir'), 'tessera.db') });
  });

  it('uses an explicit SQLite file', () => {
    expect(loadConfig({ TESSERA_DATABASE_URL: 'sqlite:/var/lib/tessera/main.db' }).database).toEqual({
      kind: 'sqlite',
      file: '/var/lib/tessera/main.db',
    });
  });

  it('uses PostgreSQL for a postgres:// or postgresql:// URL, with the pool size', () => {
    expect(loadConfig({ TESSERA_DATABASE_URL: 'postgres://tessera:secret@db.internal:5432/tessera' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://tessera:secret@db.internal:5432/tessera',
      poolSize: 10,
    });
    expect(
      loadConfig({ TESSERA_DATABASE_URL: 'postgresql://db.internal/tessera', TESSERA_DB_POOL_SIZE: '25' }).database,
    ).toEqual({ kind: 'postgres', url: 'postgresql://db.internal/tessera', poolSize: 25 });
  });

  it('reads every override from its environment variable', () => {
    const config = loadConfig({
      TESSERA_HOST: '127.0.0.1',
      TESSERA_PORT: '9000',
      TESSERA_PUBLIC_URL: 'https://chat.example.org',
      TESSERA_NATS_URL: 'nats://127.0.0.1:4222',
      TESSERA_NODE_ID: 'node-a',
      TESSERA_LOG_LEVEL: 'warn',
      TESSERA_GROUP_MEMBER_LIMIT: '100',
      TESSERA_MEDIA_MAX_BYTES: '2048',
      TESSERA_RECALL_WINDOW_SECONDS: '30',
      TESSERA_SESSION_TTL_DAYS: '7',
      TESSERA_LOGIN_MAX_FAILURES: '3',
      TESSERA_LOGIN_LOCKOUT_SECONDS: '60',
      TESSERA_LOGIN_RATE_PER_MINUTE: '5',
      TESSERA_WS_SEND_BUFFER_BYTES: '65536',
      TESSERA_WS_HEARTBEAT_SECONDS: '10',
      TESSERA_SYNC_BATCH_SIZE: '50',
    });
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 9000,
      publicUrl: 'https://chat.example.org',
      natsUrl: 'nats://127.0.0.1:4222',
      nodeId: 'node-a',
      logLevel: 'warn',
      limits: {
        groupMembers: 100,
        mediaMaxBytes: 2048,
        recallWindowMs: 30_000,
        sessionTtlMs: 7 * 86_400_000,
        loginMaxFailures: 3,
        loginLockoutMs: 60_000,
        loginRatePerMinute: 5,
        wsSendBufferBytes: 65_536,
        wsHeartbeatMs: 10_000,
        syncBatchSize: 50,
      },
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ TESSERA_PORT: '', TESSERA_NATS_URL: '' })).toMatchObject({ port: 8080, natsUrl: undefined });
  });

  it('lists every invalid setting at once', () => {
    const problems = problemsOf({
      TESSERA_PORT: 'eighty',
      TESSERA_PUBLIC_URL: 'not a url',
      TESSERA_DATABASE_URL: 'mysql://db/tessera',
      TESSERA_NATS_URL: 'http://127.0.0.1:4222',
      TESSERA_NODE_ID: 'has spaces',
      TESSERA_LOG_LEVEL: 'loud',
      TESSERA_GROUP_MEMBER_LIMIT: '1',
      TESSERA_LOGIN_MAX_FAILURES: '0',
      TESSERA_SYNC_BATCH_SIZE: '2.5',
    });
    const named = problems.map((problem) => problem.split(':')[0]);
    expect(named.sort()).toEqual(
      [
        'TESSERA_PORT',
        'TESSERA_PUBLIC_URL',
        'TESSERA_DATABASE_URL',
        'TESSERA_NATS_URL',
        'TESSERA_NODE_ID',
        'TESSERA_LOG_LEVEL',
        'TESSERA_GROUP_MEMBER_LIMIT',
        'TESSERA_LOGIN_MAX_FAILURES',
        'TESSERA_SYNC_BATCH_SIZE',
      ].sort(),
    );
    expect(problems.find((problem) => problem.startsWith('TESSERA_DATABASE_URL'))).toContain('must be sqlite:<file path> or postgres://');
  });

  it('puts every problem in the error message shown at boot', () => {
    expect(() => loadConfig({ TESSERA_PORT: '70000', TESSERA_LOGIN_LOCKOUT_SECONDS: '-5' })).toThrowError(
      /Invalid configuration:\n {2}- TESSERA_PORT: .*\n {2}- TESSERA_LOGIN_LOCKOUT_SECONDS: /,
    );
  });

  it('refuses an SQLite URL without a file, which would lose every write', () => {
    for (const url of ['sqlite:', 'sqlite://x.db']) {
      expect(() => loadConfig({ TESSERA_DATABASE_URL: url })).toThrow(ConfigError);
    }
  });

  it('trusts X-Forwarded-For only when told to', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TESSERA_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });
});
