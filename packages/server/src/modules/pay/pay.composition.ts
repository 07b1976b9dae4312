import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config';
import type { Authenticate } from '../../platform/auth-hook';
import type { Clock, Ids } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import type { Logger } from '../../platform/logger';
import { RateLimiter } from '../../platform/rate-limit';
import type { ConversationService, MessageService } from '../messaging';
import type { TimelineService } from '../sync';
import { Ledger } from './ledger.service';
import { WalletService } from './wallet.service';

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
}

/** The payments module's services, built from what it needs of the rest of the server. */
export interface PayServices {
  ledger: Ledger;
  wallet: WalletService;
  /** Money-moving requests per user per minute, on this node. */
  paymentLimiter: RateLimiter;
}

export function createPay(deps: PayDependencies): PayServices {
  const ledger = new Ledger(deps.clock, deps.ids);
  const wallet = new WalletService(
    deps.db,
    ledger,
    deps.clock,
    {
      currency: deps.settings.currency,
      dailyLimit: deps.settings.dailyLimit,
      passwordMaxTries: deps.settings.passwordMaxTries,
      passwordLockMs: deps.settings.passwordLockMs,
      scryptCost: deps.scryptCost,
      testMoney: deps.settings.fundingProvider === 'sandbox',
    },
    deps.checkLoginPassword,
  );
  const paymentLimiter = new RateLimiter(deps.settings.ratePerMinute, 60_000, () => deps.clock.now());
  return { ledger, wallet, paymentLimiter };
}

/** Every payments route: wallet, chat transfers, red packets, and the operator's admin endpoints. */
export function registerPayRoutes(http: FastifyInstance, pay: PayServices, authenticate: Authenticate): void {
  void http;
  void pay;
  void authenticate;
}

/** Starts the background work of the module (expiring holds); returns a function that stops it. */
export function startPayJobs(pay: PayServices, logger: Logger): () => Promise<void> {
  void pay;
  void logger;
  return async () => {};
}
