import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config';
import type { Authenticate } from '../../platform/auth-hook';
import type { Clock, Ids } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import type { Logger } from '../../platform/logger';
import type { RateLimit } from '../../platform/rate-limit';
import type { ConversationService, MessageService } from '../messaging';
import type { TimelineService } from '../sync';
import { AccountsRepository } from '../accounts';
import { registerAdminRoutes } from './admin.routes';
import { createFundingProvider, type FundingProvider } from './funding.provider';
import { FundingService } from './funding.service';
import { randomInt } from 'node:crypto';
import { ChatTransferService } from './chat-transfer.service';
import { Ledger } from './ledger.service';
import { registerPayChatRoutes } from './pay-chat.routes';
import { PaymentGuard } from './payment-guard';
import { RedPacketService } from './red-packet.service';
import { OperatorService } from './operator.service';
import { StatementService } from './statement.service';
import { registerWalletRoutes } from './wallet.routes';
import { WalletService, walletSettingsFrom } from './wallet.service';

export interface PayDependencies {
  db: Database;
  timeline: TimelineService;
  conversations: ConversationService;
  messages: MessageService;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  settings: Config['pay'];
  scryptCost: number;
  adminToken: string | undefined;
  /** The accounts module's login-password check. */
  checkLoginPassword: (userId: string, password: string) => Promise<boolean>;
  /** Writes that may overlap: 1 on SQLite's single writer, more on PostgreSQL. */
  concurrentBatches: number;
  /** A per-user rate limit of `perMinute`, shared by all nodes where there are several. */
  rateLimit: (name: string, perMinute: number) => RateLimit;
  /** Uniform in [0, 1) for red-packet splits; injected so tests can replay a split. */
  random?: () => number;
  /** A provider other than the one the settings name (one the operator's code supplies, or a test's). */
  fundingProvider?: FundingProvider;
}

/** A uniform draw in [0, 1) from the operating system's cryptographic source: nobody can predict a split. */
const secureRandom = (): number => randomInt(0, 2 ** 47) / 2 ** 47;

/** The payments module's services, built from what it needs of the rest of the server. */
export interface PayServices {
  ledger: Ledger;
  wallet: WalletService;
  /** Money-moving requests per user per minute, on this node. */
  paymentLimiter: RateLimit;
  funding: FundingService;
  statements: StatementService;
  operator: OperatorService;
  /** The operator's bearer token; unset disables the admin endpoints. */
  adminToken: string | undefined;
  guard: PaymentGuard;
  transfers: ChatTransferService;
  packets: RedPacketService;
}

export function createPay(deps: PayDependencies): PayServices {
  const ledger = new Ledger(deps.clock, deps.ids);
  const wallet = new WalletService(
    deps.db,
    deps.timeline,
    ledger,
    deps.clock,
    walletSettingsFrom(deps.settings, deps.scryptCost),
    deps.checkLoginPassword,
  );
  const paymentLimiter = deps.rateLimit('pay', deps.settings.ratePerMinute);
  const statements = new StatementService(deps.db, wallet);
  const provider = deps.fundingProvider ?? createFundingProvider(deps.settings.fundingProvider, deps.ids);
  const users = new AccountsRepository(deps.db);
  const userExists = async (db: Database, userId: string): Promise<boolean> => (await users.findById(userId, db)) !== undefined;
  const operator = new OperatorService(deps.db, deps.timeline, ledger, wallet, statements, userExists, deps.clock, deps.ids);
  const guard = new PaymentGuard(wallet, paymentLimiter);
  const funding = new FundingService(deps.db, deps.timeline, ledger, wallet, statements, provider, guard, deps.clock, deps.ids, (withdrawalId, error) =>
    deps.logger.warn({ err: error, withdrawalId }, 'the funding provider gave no answer for a withdrawal; it stays pending and is asked again'),
  );
  const transfers = new ChatTransferService(deps.db, deps.timeline, ledger, wallet, deps.messages, guard, deps.clock, deps.ids, {
    holdTtlMs: deps.settings.holdTtlMs,
  });
  const packets = new RedPacketService(deps.db, deps.timeline, ledger, wallet, deps.messages, guard, deps.clock, deps.ids, deps.random ?? secureRandom, {
    holdTtlMs: deps.settings.holdTtlMs,
    maxAmount: deps.settings.redPacketMaxAmount,
    maxShares: deps.settings.redPacketMaxShares,
    concurrentBatches: deps.concurrentBatches,
  });
  return { ledger, wallet, paymentLimiter, funding, statements, operator, adminToken: deps.adminToken, guard, transfers, packets };
}

/** Every payments route: wallet, chat transfers, red packets, and the operator's admin endpoints. */
export function registerPayRoutes(http: FastifyInstance, pay: PayServices, authenticate: Authenticate): void {
  registerWalletRoutes(http, pay, authenticate);
  registerAdminRoutes(http, pay.operator, pay.adminToken);
  registerPayChatRoutes(http, pay.transfers, pay.packets, authenticate);
}

/** Starts the background work of the module (expiring holds); returns a function that stops it. */
export function startPayJobs(pay: PayServices, logger: Logger, intervalMs = 30_000): () => Promise<void> {
  let running: Promise<void> | undefined;
  const sweep = async (): Promise<void> => {
    try {
      // Each expiry is its own transaction and ends a hold exactly once, so nodes sweeping together are harmless.
      while ((await pay.transfers.expireDue()) > 0);
      while ((await pay.packets.expireDue()) > 0);
      while ((await pay.funding.settlePending()) > 0);
    } catch (error) {
      logger.error({ err: error }, 'returning expired transfers and red packets, or settling withdrawals, failed; next sweep retries');
    }
  };
  const timer = setInterval(() => {
    running ??= sweep().finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  running = sweep().finally(() => (running = undefined));
  return async () => {
    clearInterval(timer);
    await running;
  };
}
