import type { Wallet } from '@tessera/protocol';
import type { Config } from '../../config';
import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { hashSecret, verifySecret } from '../../platform/passwords';
import { accountErrors } from '../accounts';
import type { TimelineService, TimelineWriter } from '../sync';
import { spentOn, type Ledger } from './ledger.service';
import { ledgerRepository, type AccountRow, type Executor } from './ledger.repository';
import { payErrors } from './pay.errors';

export interface WalletSettings {
  currency: string;
  dailyLimit: number;
  passwordMaxTries: number;
  passwordLockMs: number;
  scryptCost: number;
  /** Whether the funding provider moves test money only (the sandbox). */
  testMoney: boolean;
  redPacketMaxAmount: number;
  redPacketMaxShares: number;
}

/** The wallet's settings from the server's payment configuration. */
export function walletSettingsFrom(pay: Config['pay'], scryptCost: number): WalletSettings {
  return {
    currency: pay.currency,
    dailyLimit: pay.dailyLimit,
    passwordMaxTries: pay.passwordMaxTries,
    passwordLockMs: pay.passwordLockMs,
    scryptCost,
    testMoney: pay.fundingProvider === 'sandbox',
    redPacketMaxAmount: pay.redPacketMaxAmount,
    redPacketMaxShares: pay.redPacketMaxShares,
  };
}


/** A user's wallet: its account, the payment password and the daily limit. */
export class WalletService {
  constructor(
    private readonly db: Database,
    private readonly timeline: TimelineService,
    private readonly ledger: Ledger,
    private readonly clock: Clock,
    private readonly settings: WalletSettings,
    /** Checks the login password (the accounts module), for resetting the payment password. */
    private readonly checkLoginPassword: (userId: string, password: string) => Promise<boolean>,
  ) {}

  get currency(): string {
    return this.settings.currency;
  }

  get testMoney(): boolean {
    return this.settings.testMoney;
  }

  /** The user's wallet account in the configured currency, created on first use. */
  account(db: Executor, userId: string): Promise<AccountRow> {
    return this.ledger.account(db, 'user', userId, this.settings.currency);
  }

  async view(db: Executor, userId: string): Promise<Wallet> {
    return (await this.views(db, [userId]))[0]!;
  }

  /**
   * Many users' wallets with a fixed number of queries, in the order asked. `known` are wallet
   * accounts by owner as this transaction just wrote them, which need not be read again.
   */
  async views(db: Executor, userIds: string[], known?: Map<string, AccountRow>): Promise<Wallet[]> {
    const accounts = known && userIds.every((userId) => known.has(userId)) ? known : await this.ledger.accounts(db, 'user', userIds, this.settings.currency);
    const settings = new Map(
      (await db.selectFrom('pay_wallet_settings').selectAll().where('user_id', 'in', userIds).execute()).map((row) => [row.user_id, row]),
    );
    const now = this.clock.now();
    return userIds.map((userId) => {
      const account = accounts.get(userId)!;
      const own = settings.get(userId);
      const lockedUntil = own?.locked_until && own.locked_until > now ? own.locked_until : null;
      return {
        userId,
        currency: account.currency,
        balance: account.balance,
        testMoney: this.settings.testMoney,
        hasPaymentPassword: Boolean(own?.password_hash),
        paymentPasswordLockedUntil: lockedUntil === null ? null : new Date(lockedUntil).toISOString(),
        dailyLimit: this.settings.dailyLimit,
        spentToday: spentOn(account, now),
        version: account.version,
        redPacketMaxAmount: this.settings.redPacketMaxAmount,
        redPacketMaxShares: this.settings.redPacketMaxShares,
      };
    });
  }

  /** Adds the owner's fresh wallet to the transaction's events, so every device shows the new balance. */
  async announce(writer: TimelineWriter, userId: string): Promise<Wallet> {
    const wallet = await this.view(writer.db, userId);
    writer.add(userId, { kind: 'wallet.updated', wallet });
    return wallet;
  }

  /** `announce` for many owners at once (everyone who grabbed in one batch); `known` as for `views`. */
  async announceMany(writer: TimelineWriter, userIds: string[], known?: Map<string, AccountRow>): Promise<void> {
    if (userIds.length === 0) return;
    for (const wallet of await this.views(writer.db, userIds, known)) writer.add(wallet.userId, { kind: 'wallet.updated', wallet });
  }

  /**
   * Sets the payment password, or resets it and lifts a lock. Needs the login password: that is
   * what proves the person at the keyboard owns the account.
   */
  async setPaymentPassword(userId: string, newPassword: string, loginPassword: string): Promise<Wallet> {
    if (!(await this.checkLoginPassword(userId, loginPassword))) throw accountErrors.invalidCredentials();
    const hash = await hashSecret(newPassword, { N: 2 ** this.settings.scryptCost });
    const now = this.clock.now();
    // Every device learns that the wallet now has a password (or is unlocked).
    return this.timeline.write(async (writer) => {
      await writer.db
        .insertInto('pay_wallet_settings')
        .values({ user_id: userId, password_hash: hash, failed_tries: 0, locked_until: null, updated_at: now })
        .onConflict((conflict) => conflict.column('user_id').doUpdateSet({ password_hash: hash, failed_tries: 0, locked_until: null, updated_at: now }))
        .execute();
      return this.announce(writer, userId);
    });
  }

  /**
   * Confirms a payment with the payment password. Wrong tries count; after the configured number
   * the password locks for a period. Runs before the payment's transaction: hashing is slow.
   */
  async verifyPaymentPassword(userId: string, password: string): Promise<void> {
    const settings = await this.db.selectFrom('pay_wallet_settings').selectAll().where('user_id', '=', userId).executeTakeFirst();
    if (!settings?.password_hash) throw payErrors.passwordNotSet();
    const now = this.clock.now();
    if (settings.locked_until !== null && settings.locked_until > now) throw payErrors.passwordLocked(settings.locked_until);
    if (await verifySecret(password, settings.password_hash)) {
      if (settings.failed_tries > 0) {
        await this.db.updateTable('pay_wallet_settings').set({ failed_tries: 0, locked_until: null }).where('user_id', '=', userId).execute();
      }
      return;
    }
    // Counted in the database, so concurrent wrong tries on several nodes all count.
    const counted = await this.db
      .updateTable('pay_wallet_settings')
      .set((eb) => ({ failed_tries: eb('failed_tries', '+', 1), updated_at: now }))
      .where('user_id', '=', userId)
      .returning('failed_tries')
      .executeTakeFirstOrThrow();
    if (counted.failed_tries >= this.settings.passwordMaxTries) {
      const until = now + this.settings.passwordLockMs;
      await this.db.updateTable('pay_wallet_settings').set({ failed_tries: 0, locked_until: until }).where('user_id', '=', userId).execute();
      throw payErrors.passwordLocked(until);
    }
    throw payErrors.passwordWrong(this.settings.passwordMaxTries - counted.failed_tries);
  }

  /**
   * Takes the wallet's row lock, then checks that paying out `amount` more today stays within the
   * daily limit. With the lock held, two concurrent payments cannot both slip under it.
   */
  async checkDailyLimit(db: Executor, accountId: string, amount: number): Promise<void> {
    const [account] = await ledgerRepository.lockAccounts(db, [accountId]);
    if (!account) throw new Error(`no ledger account ${accountId}`);
    const spent = spentOn(account, this.clock.now());
    const remaining = Math.max(0, this.settings.dailyLimit - spent);
    if (amount > remaining) throw payErrors.dailyLimitExceeded(remaining);
  }
}
