import type { Movement, TopUpRequest, Wallet, WithdrawRequest } from '@tessera/protocol';
import type { Clock, Ids } from '../../platform/clock';
import type { TimelineService } from '../sync';
import type { FundingProvider } from './funding.provider';
import { once } from './idempotency';
import { ledgerRepository } from './ledger.repository';
import type { Ledger } from './ledger.service';
import { payErrors } from './pay.errors';
import type { PaymentGuard } from './payment-guard';
import type { StatementService } from './statement.service';
import type { WalletService } from './wallet.service';

/** What a top-up or withdrawal answers: the wallet after it and the statement line it made. */
export interface FundingResult {
  wallet: Wallet;
  movement: Movement;
}

/**
 * Money in and out of Tessera through the funding provider. The provider's side of every movement
 * is booked against its `funding` account; each call is idempotent on the caller's key.
 */
export class FundingService {
  constructor(
    private readonly timeline: TimelineService,
    private readonly ledger: Ledger,
    private readonly wallets: WalletService,
    private readonly statements: StatementService,
    private readonly provider: FundingProvider,
    /** The per-user rate limit and the payment password, shared with transfers and red packets. */
    private readonly guard: PaymentGuard,
    private readonly clock: Clock,
    private readonly ids: Ids,
  ) {}

  /** Adds money from the provider to the user's wallet. */
  async topUp(userId: string, request: TopUpRequest): Promise<FundingResult> {
    await this.guard.throttle(userId);
    const { amount } = request;
    return this.timeline.write((writer) =>
      once(writer.db, this.clock, userId, request.idempotencyKey, { operation: 'top_up', amount }, async () => {
        const currency = this.wallets.currency;
        const account = await this.wallets.account(writer.db, userId);
        const funding = await this.ledger.account(writer.db, 'funding', this.provider.name, currency);
        const transferId = this.ids.next();
        const receipt = await this.provider.topUp({ userId, amount, currency, reference: transferId });
        await this.ledger.post(writer.db, {
          transferId,
          kind: 'top_up',
          currency,
          referenceId: receipt.providerReference,
          legs: [
            { accountId: funding.id, amount: -amount, kind: 'top_up', counterpartyId: userId },
            { accountId: account.id, amount, kind: 'top_up' },
          ],
        });
        const movement = await this.statements.movement(writer.db, account.id, transferId);
        return { wallet: await this.wallets.announce(writer, userId), movement };
      }),
    );
  }

  /**
   * Pays money out of the wallet to the provider. The payment password is checked first, outside
   * the transaction (hashing is slow); the daily limit and the balance are checked with the wallet's
   * row locked, before the provider is asked, so the provider never pays out what the ledger refuses.
   */
  async withdraw(userId: string, request: WithdrawRequest): Promise<FundingResult> {
    await this.guard.confirm(userId, request.paymentPassword);
    const { amount } = request;
    // The password is not part of what the key stands for: the same withdrawal retried is the same request.
    return this.timeline.write((writer) =>
      once(writer.db, this.clock, userId, request.idempotencyKey, { operation: 'withdrawal', amount }, async () => {
        const currency = this.wallets.currency;
        const account = await this.wallets.account(writer.db, userId);
        await this.wallets.checkDailyLimit(writer.db, account.id, amount);
        const locked = await ledgerRepository.findAccountById(writer.db, account.id);
        if (!locked || locked.balance < amount) throw payErrors.insufficientFunds();
        const funding = await this.ledger.account(writer.db, 'funding', this.provider.name, currency);
        const transferId = this.ids.next();
        const receipt = await this.provider.withdraw({ userId, amount, currency, reference: transferId });
        await this.ledger.post(writer.db, {
          transferId,
          kind: 'withdrawal',
          currency,
          referenceId: receipt.providerReference,
          legs: [
            { accountId: account.id, amount: -amount, kind: 'withdrawal' },
            { accountId: funding.id, amount, kind: 'withdrawal', counterpartyId: userId },
          ],
        });
        const movement = await this.statements.movement(writer.db, account.id, transferId);
        return { wallet: await this.wallets.announce(writer, userId), movement };
      }),
    );
  }
}
