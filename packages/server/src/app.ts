import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config';
import type { Bus } from './platform/bus';
import { LocalBus } from './platform/bus';
import { createIds, systemClock, type Clock, type Ids } from './platform/clock';
import { migrateToLatest, openDatabase, pingDatabase, type Database, type Dialect } from './platform/db/database';
import { createAuthenticate } from './platform/auth-hook';
import { createHttpServer } from './platform/http';
import { createLogger, type Logger } from './platform/logger';
import { NatsBus } from './platform/nats-bus';
import { DatabaseRateLimiter, MemoryRateLimiter, type RateLimit } from './platform/rate-limit';
import { registerWebApp } from './platform/web-app';
import { AppError } from './platform/errors';
import { AccountsRepository, AccountsService, registerAccountRoutes } from './modules/accounts';
import { ContactsService, registerContactRoutes } from './modules/contacts';
import { Gateway } from './modules/gateway';
import { BlobStore, MediaService, registerMediaRoutes } from './modules/media';
import { ConversationService, GroupService, MessageService, registerGroupRoutes, registerMessagingRoutes } from './modules/messaging';
import { registerSyncRoutes, TimelineService, type Executor } from './modules/sync';
import { createPay, registerPayRoutes, startPayJobs, type FundingProvider, type PayServices } from './modules/pay';

export interface AppOptions {
  clock?: Clock;
  ids?: Ids;
  logger?: Logger;
  /** log2 of scrypt's N for password hashes; lower only in tests and benchmarks. */
  scryptCost?: number;
  /** A funding provider other than the one the settings name. */
  fundingProvider?: FundingProvider;
}

/** A composed Tessera server: HTTP routes, WebSocket gateway, services and storage. */
export interface App {
  config: Config;
  http: FastifyInstance;
  db: Database;
  dialect: Dialect;
  bus: Bus;
  gateway: Gateway;
  services: {
    accounts: AccountsService;
    contacts: ContactsService;
    conversations: ConversationService;
    messages: MessageService;
    groups: GroupService;
    timeline: TimelineService;
    media: MediaService;
    pay: PayServices;
  };
  /** Starts listening; resolves with the URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** Composes the server from its configuration: the only place modules are wired together. */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? createIds(clock);
  const logger = options.logger ?? createLogger(config.logLevel, config.nodeId);
  const { db, dialect } = openDatabase(config.database, (error) => logger.warn({ err: error }, 'idle database connection failed'));
  await migrateToLatest(db, dialect);
  const bus: Bus = config.natsUrl ? await NatsBus.connect(config.natsUrl, config.nodeId, logger) : new LocalBus();

  const timeline = new TimelineService(db, bus, clock);
  // One node (SQLite) counts in memory; nodes sharing PostgreSQL count in it, so that N nodes
  // allow what one would. Idle buckets are deleted once a minute.
  const sharedLimiters: DatabaseRateLimiter[] = [];
  const rateLimit = (name: string, perMinute: number): RateLimit => {
    if (dialect === 'sqlite') return new MemoryRateLimiter(perMinute, 60_000, () => clock.now());
    const limiter = new DatabaseRateLimiter(db, name, perMinute, 60_000, () => clock.now());
    sharedLimiters.push(limiter);
    return limiter;
  };
  const pruneLimiters = setInterval(() => {
    for (const limiter of sharedLimiters) limiter.prune().catch((error: unknown) => logger.warn({ err: error }, 'pruning rate-limit buckets failed'));
  }, 60_000);
  pruneLimiters.unref();
  const loginLimiter = rateLimit('login', config.limits.loginRatePerMinute);
  const accounts = new AccountsService(new AccountsRepository(db), bus, clock, ids, loginLimiter, {
    sessionTtlMs: config.limits.sessionTtlMs,
    loginMaxFailures: config.limits.loginMaxFailures,
    loginLockoutMs: config.limits.loginLockoutMs,
    scryptCost: options.scryptCost ?? config.scryptCost,
  });
  const conversations = new ConversationService(db, timeline, clock, ids);
  const media = new MediaService(db, new BlobStore(path.join(config.dataDir, 'media')), clock, ids, {
    maxBytes: config.limits.mediaMaxBytes,
  });
  await media.sweepAbandonedUploads();
  const messages: MessageService = new MessageService(
    db,
    timeline,
    conversations,
    {
      // A closure: contacts is built after messaging, which it uses.
      directRefusals: (tx, pairs): Promise<Map<string, AppError>> => contacts.directRefusals(tx, pairs),
      attachMedia: (tx, sender, conversationId, mediaId, kind): Promise<void> => media.attach(tx, sender, conversationId, mediaId, kind),
    },
    bus,
    clock,
    ids,
    // SQLite has one writer; PostgreSQL overlaps one batch's commit with the next one's work.
    { recallWindowMs: config.limits.recallWindowMs, concurrentBatches: dialect === 'postgres' ? 2 : 1 },
  );
  // Avatars are shown to everyone who sees the profile or group; only media the actor may read qualifies.
  const publishAvatar = async (userId: string, mediaId: string, tx?: Executor): Promise<void> => {
    if (!(await media.publish(userId, mediaId, tx))) throw new AppError('media_not_found', 'No such media');
  };
  const groups = new GroupService(
    timeline,
    conversations,
    messages,
    {
      directRefusals: (tx, pairs): Promise<Map<string, AppError>> => contacts.directRefusals(tx, pairs),
      publishAvatar: (tx, actorId, mediaId) => publishAvatar(actorId, mediaId, tx),
    },
    clock,
    ids,
    { memberLimit: config.limits.groupMembers },
  );
  const contacts: ContactsService = new ContactsService(db, timeline, accounts, conversations, messages, clock, ids);
  const pay = createPay({
    db,
    timeline,
    conversations,
    messages,
    clock,
    ids,
    logger,
    settings: config.pay,
    scryptCost: options.scryptCost ?? config.scryptCost,
    adminToken: config.adminToken,
    checkLoginPassword: (userId, password) => accounts.checkPassword(userId, password),
    concurrentBatches: dialect === 'postgres' ? 2 : 1,
    rateLimit,
    ...(options.fundingProvider ? { fundingProvider: options.fundingProvider } : {}),
  });
  accounts.publishAvatar = (userId, mediaId) => publishAvatar(userId, mediaId);
  accounts.onProfileChanged = (userId) => contacts.broadcastProfile(userId);
  accounts.onRegistered = async (db, userId) => void (await conversations.ensureService(db, userId));

  // JSON bodies stay small; the media upload route sets its own, larger limit.
  const http = createHttpServer(logger, { bodyLimit: 1024 * 1024, trustProxy: config.trustProxy });
  const authenticate = createAuthenticate((token) => accounts.authenticate(token));
  // For load balancers: answers 200 only while the database answers.
  http.get('/api/v1/health', async () => {
    await pingDatabase(db);
    return { ok: true, node: config.nodeId, database: dialect };
  });
  registerAccountRoutes(http, accounts, authenticate);
  registerContactRoutes(http, contacts, authenticate);
  registerMessagingRoutes(http, conversations, messages, authenticate);
  registerGroupRoutes(http, groups, authenticate);
  registerSyncRoutes(http, timeline, authenticate);
  registerPayRoutes(http, pay, authenticate);
  registerMediaRoutes(http, media, {
    authenticate,
    resolveToken: (token) => accounts.authenticate(token),
    maxBytes: config.limits.mediaMaxBytes,
  });
  // After the API, so its routes and JSON 404s win over the app's catch-all.
  await registerWebApp(http, logger);

  const gateway = new Gateway({
    bus,
    authenticate: (token) => accounts.authenticate(token),
    timeline,
    conversations,
    messages,
    logger,
    sendBufferBytes: config.limits.wsSendBufferBytes,
    syncBatchSize: config.limits.syncBatchSize,
    heartbeatMs: config.limits.wsHeartbeatMs,
  });
  gateway.attach(http.server);
  const stopPayJobs = startPayJobs(pay, logger);

  return {
    config,
    http,
    db,
    dialect,
    bus,
    gateway,
    services: { accounts, contacts, conversations, messages, groups, timeline, media, pay },
    async listen() {
      await http.listen({ host: config.host, port: config.port });
      const address = http.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      return config.publicUrl ?? `http://${host}:${port}`;
    },
    async close() {
      clearInterval(pruneLimiters);
      await stopPayJobs();
      await gateway.close();
      await http.close();
      await bus.close();
      await db.destroy();
    },
  };
}
