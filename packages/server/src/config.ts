import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting, read from environment variables with defaults that run on one machine.
 * `loadConfig` validates all of them at once and reports every problem in one error.
 */
const int = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const schema = z.object({
  TESSERA_HOST: z.string().min(1).default('0.0.0.0'),
  TESSERA_PORT: int(8080, 0, 65535),
  TESSERA_PUBLIC_URL: z.url().optional(),
  TESSERA_DATA_DIR: z.string().min(1).default('./data'),
  TESSERA_DATABASE_URL: z
    .string()
    .refine(
      (value) => /^(sqlite:(?!\/\/).+|postgres:\/\/.+|postgresql:\/\/.+)$/.test(value),
      'must be sqlite:<file path> or postgres://…',
    )
    .optional(),
  TESSERA_NATS_URL: z
    .string()
    .refine((value) => /^(nats|tls):\/\/[^/]+/.test(value), 'must be a nats:// or tls:// URL')
    .optional(),
  TESSERA_NODE_ID: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/).optional(),
  TESSERA_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TESSERA_GROUP_MEMBER_LIMIT: int(500, 2, 10_000),
  TESSERA_MEDIA_MAX_BYTES: int(25 * 1024 * 1024, 1024, 2 * 1024 * 1024 * 1024),
  TESSERA_RECALL_WINDOW_SECONDS: int(120, 0, 86_400),
  TESSERA_SESSION_TTL_DAYS: int(90, 1, 3650),
  TESSERA_LOGIN_MAX_FAILURES: int(5, 1, 100),
  TESSERA_LOGIN_LOCKOUT_SECONDS: int(900, 1, 86_400),
  TESSERA_LOGIN_RATE_PER_MINUTE: int(20, 1, 1_000_000),
  TESSERA_WS_SEND_BUFFER_BYTES: int(4 * 1024 * 1024, 16 * 1024, 1024 * 1024 * 1024),
  TESSERA_WS_HEARTBEAT_SECONDS: int(30, 1, 3600),
  TESSERA_SYNC_BATCH_SIZE: int(500, 1, 5000),
  TESSERA_DB_POOL_SIZE: int(10, 2, 200),
  TESSERA_SCRYPT_COST: int(17, 10, 20),
  TESSERA_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  TESSERA_PAY_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY').default('CNY'),
  TESSERA_PAY_FUNDING_PROVIDER: z.enum(['sandbox']).default('sandbox'),
  TESSERA_PAY_DAILY_LIMIT: int(5_000_000, 1, 1_000_000_000_00),
  TESSERA_PAY_HOLD_HOURS: int(24, 1, 24 * 30),
  TESSERA_PAY_PASSWORD_MAX_TRIES: int(5, 1, 100),
  TESSERA_PAY_PASSWORD_LOCK_MINUTES: int(180, 1, 7 * 24 * 60),
  TESSERA_PAY_RATE_PER_MINUTE: int(30, 1, 1_000_000),
  TESSERA_RED_PACKET_MAX_AMOUNT: int(20_000, 1, 1_000_000_000_00),
  TESSERA_RED_PACKET_MAX_SHARES: int(100, 1, 10_000),
  TESSERA_ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
});

export interface Config {
  host: string;
  port: number;
  publicUrl: string | undefined;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; poolSize: number };
  natsUrl: string | undefined;
  nodeId: string;
  logLevel: z.infer<typeof schema>['TESSERA_LOG_LEVEL'];
  limits: {
    groupMembers: number;
    mediaMaxBytes: number;
    recallWindowMs: number;
    sessionTtlMs: number;
    loginMaxFailures: number;
    loginLockoutMs: number;
    loginRatePerMinute: number;
    wsSendBufferBytes: number;
    wsHeartbeatMs: number;
    syncBatchSize: number;
  };
  /** Whether X-Forwarded-For names the client (only behind a reverse proxy that sets it). */
  trustProxy: boolean;
  /** log2 of scrypt's N for password hashes: 17 (128 MiB, OWASP's advice) unless lowered for tests. */
  scryptCost: number;
  pay: {
    currency: string;
    /** Where money enters and leaves; `sandbox` moves test money only. */
    fundingProvider: 'sandbox';
    /** Most a user pays out per UTC day (transfers, red packets, withdrawals), minor units. */
    dailyLimit: number;
    /** How long a chat transfer or red packet waits before it returns to the sender. */
    holdTtlMs: number;
    passwordMaxTries: number;
    passwordLockMs: number;
    /** Money-moving requests per user per minute, on each node. */
    ratePerMinute: number;
    redPacketMaxAmount: number;
    redPacketMaxShares: number;
  };
  /** Bearer token for the operator's admin endpoints; unset disables them. */
  adminToken: string | undefined;
}

/** Raised at boot when settings are invalid; `problems` lists every one. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates settings; throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const settings = parsed.data;
  const dataDir = path.resolve(settings.TESSERA_DATA_DIR);
  const databaseUrl = settings.TESSERA_DATABASE_URL ?? `sqlite:${path.join(dataDir, 'tessera.db')}`;
  return {
    host: settings.TESSERA_HOST,
    port: settings.TESSERA_PORT,
    publicUrl: settings.TESSERA_PUBLIC_URL,
    dataDir,
    database: databaseUrl.startsWith('sqlite:')
      ? { kind: 'sqlite', file: databaseUrl.slice('sqlite:'.length) }
      : { kind: 'postgres', url: databaseUrl, poolSize: settings.TESSERA_DB_POOL_SIZE },
    natsUrl: settings.TESSERA_NATS_URL,
    nodeId: settings.TESSERA_NODE_ID ?? `node-${process.pid}`,
    logLevel: settings.TESSERA_LOG_LEVEL,
    limits: {
      groupMembers: settings.TESSERA_GROUP_MEMBER_LIMIT,
      mediaMaxBytes: settings.TESSERA_MEDIA_MAX_BYTES,
      recallWindowMs: settings.TESSERA_RECALL_WINDOW_SECONDS * 1000,
      sessionTtlMs: settings.TESSERA_SESSION_TTL_DAYS * 86_400_000,
      loginMaxFailures: settings.TESSERA_LOGIN_MAX_FAILURES,
      loginLockoutMs: settings.TESSERA_LOGIN_LOCKOUT_SECONDS * 1000,
      loginRatePerMinute: settings.TESSERA_LOGIN_RATE_PER_MINUTE,
      wsSendBufferBytes: settings.TESSERA_WS_SEND_BUFFER_BYTES,
      wsHeartbeatMs: settings.TESSERA_WS_HEARTBEAT_SECONDS * 1000,
      syncBatchSize: settings.TESSERA_SYNC_BATCH_SIZE,
    },
    scryptCost: settings.TESSERA_SCRYPT_COST,
    trustProxy: settings.TESSERA_TRUST_PROXY === 'true',
    pay: {
      currency: settings.TESSERA_PAY_CURRENCY,
      fundingProvider: settings.TESSERA_PAY_FUNDING_PROVIDER,
      dailyLimit: settings.TESSERA_PAY_DAILY_LIMIT,
      holdTtlMs: settings.TESSERA_PAY_HOLD_HOURS * 3_600_000,
      passwordMaxTries: settings.TESSERA_PAY_PASSWORD_MAX_TRIES,
      passwordLockMs: settings.TESSERA_PAY_PASSWORD_LOCK_MINUTES * 60_000,
      ratePerMinute: settings.TESSERA_PAY_RATE_PER_MINUTE,
      redPacketMaxAmount: settings.TESSERA_RED_PACKET_MAX_AMOUNT,
      redPacketMaxShares: settings.TESSERA_RED_PACKET_MAX_SHARES,
    },
    adminToken: settings.TESSERA_ADMIN_TOKEN,
  };
}
