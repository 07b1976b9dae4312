import type { Movement, TopUpRequest, Wallet, Withdrawal, WithdrawRequest } from '@tessera/protocol';
import type { Database } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
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

/** A withdrawal answers where it stands too (null for one requested before withdrawals were held). */
export interface WithdrawalResult extends FundingResult {
  withdrawal: Withdrawal | null;
}

/** What the first transaction of a withdrawal records against its idempotency key. */
interface WithdrawalStarted {
  withdrawalId: string;
}

/** How long a provider may leave a withdrawal unanswered before reconciliation reports its hold as overdue. */
const withdrawalAnswerMs = 3 * 86_400_000;

/**
 * Money in and out of Tessera through the funding provider. The provider's side of every movement
 * is booked against its `funding` account; each call is idempotent on the caller's key.
 */
export class FundingService {
  constructor(
    private readonly db: Database,
    private readonly timeline: TimelineService,
    private readonly ledger: Ledger,
    private readonly wallets: WalletService,
    private readonly statements: StatementService,
    private readonly provider: FundingProvider,
    /** The per-user rate limit and the payment password, shared with transfers and red packets. */
    private readonly guard: PaymentGuard,
    private readonly clock: Clock,
    private readonly ids: Ids,
    /** Told when the provider gave no definite answer; the withdrawal stays pending. */
    private readonly onUnanswered: (withdrawalId: string, error: unknown) => void = () => {},
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
   * Pays money out of the wallet to the provider, in three steps, so that no transaction waits on
   * the provider and no payout goes unrecorded:
   *  1. with the wallet's row locked, the daily limit and the balance are checked and the amount is
   *     held (a `withdrawal` movement) beside a `pending` withdrawal; that commits;
   *  2. the provider is asked, outside any transaction, with the withdrawal's id as its key;
   *  3. the hold is posted to the provider, or returned to the wallet if the provider refused
   *     (`withdrawal_returned`, which gives back the day's limit).
   * If the provider gives no definite answer the withdrawal stays pending, and `settlePending`
   * asks again. The payment password is checked first, outside any transaction (hashing is slow).
   */
  async withdraw(userId: string, request: WithdrawRequest): Promise<WithdrawalResult> {
    await this.guard.confirm(userId, request.paymentPassword);
    const { amount } = request;
    // The password is not part of what the key stands for: the same withdrawal retried is the same request.
    const started = await this.timeline.write((writer) =>
      once(writer.db, this.clock, userId, request.idempotencyKey, { operation: 'withdrawal', amount }, async (): Promise<WithdrawalStarted | FundingResult> => {
        const currency = this.wallets.currency;
        const account = await this.wallets.account(writer.db, userId);
        await this.wallets.checkDailyLimit(writer.db, account.id, amount);
        const locked = await ledgerRepository.findAccountById(writer.db, account.id);
        if (!locked || locked.balance < amount) throw payErrors.insufficientFunds();
        const id = this.ids.next();
        const now = this.clock.now();
        const { posted } = await this.ledger.hold(writer.db, {
          sourceAccountId: account.id,
          currency,
          groupId: id,
          shares: [amount],
          expiresAt: now + withdrawalAnswerMs,
          kind: 'withdrawal',
        });
        await writer.db
          .insertInto('pay_withdrawals')
          .values({ id, user_id: userId, account_id: account.id, amount, currency, status: 'pending', provider: this.provider.name, hold_transfer_id: posted.transferId, created_at: now, settled_at: null, provider_reference: null, failure: null })
          .execute();
        await this.wallets.announce(writer, userId);
        return { withdrawalId: id };
      }),
    );
    // A key first used before withdrawals were held answers what it answered then.
    if (!('withdrawalId' in started)) return { ...started, withdrawal: null };
    await this.settle(started.withdrawalId);
    return this.result(started.withdrawalId);
  }

  /**
   * Asks the provider again about withdrawals still pending after `olderThanMs` (their request
   * ended without an answer: a timeout, a crash); returns how many got a definite answer.
   */
  async settlePending(olderThanMs = 30_000, limit = 20): Promise<number> {
    const due = await this.db
      .selectFrom('pay_withdrawals')
      .select('id')
      .where('status', '=', 'pending')
      .where('created_at', '<=', this.clock.now() - olderThanMs)
      // The least asked first: withdrawals a provider keeps not answering do not starve the rest.
      .orderBy('attempts')
      .orderBy('created_at')
      .limit(limit)
      .execute();
    let answered = 0;
    for (const { id } of due) if (await this.settle(id)) answered++;
    return answered;
  }

  /** Asks the provider about one pending withdrawal and books its answer; true if it had one. */
  private async settle(id: string): Promise<boolean> {
    const row = await this.db.selectFrom('pay_withdrawals').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.status !== 'pending') return false;
    let answer: { reference: string } | { refused: string };
    try {
      answer = { reference: (await this.provider.withdraw({ userId: row.user_id, amount: row.amount, currency: row.currency, reference: row.id })).providerReference };
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'funding_failed') {
        await this.db.updateTable('pay_withdrawals').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('id', '=', id).execute();
        this.onUnanswered(id, error);
        return false;
      }
      answer = { refused: error.message.slice(0, 200) };
    }
    await this.timeline.write(async (writer) => {
      const now = this.clock.now();
      const claimed = await writer.db
        .updateTable('pay_withdrawals')
        .set({
          status: 'reference' in answer ? 'succeeded' : 'failed',
          provider_reference: 'reference' in answer ? answer.reference : null,
          failure: 'refused' in answer ? answer.refused : null,
          settled_at: now,
        })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .returning('id')
        .executeTakeFirst();
      // Another node booked the answer first.
      if (!claimed) return;
      if ('reference' in answer) {
        const [hold] = await ledgerRepository.openHoldsOf(writer.db, id);
        if (!hold) throw payErrors.holdNotOpen();
        const funding = await this.ledger.account(writer.db, 'funding', row.provider, row.currency);
        await this.ledger.postHold(writer.db, hold, funding.id, { kind: 'withdrawal', currency: row.currency, memo: answer.reference, counterpartyId: row.user_id });
      } else if (!(await this.ledger.voidGroup(writer.db, id, { kind: 'withdrawal_returned', currency: row.currency, memo: answer.refused }))) {
        throw payErrors.holdNotOpen();
      }
      await this.wallets.announce(writer, row.user_id);
    });
    return true;
  }

  /** The wallet, the withdrawal's statement line (the money held) and where the withdrawal stands. */
  private async result(id: string): Promise<WithdrawalResult> {
    const row = await this.db.selectFrom('pay_withdrawals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return {
      wallet: await this.wallets.view(this.db, row.user_id),
      movement: await this.statements.movement(this.db, row.account_id, row.hold_transfer_id),
      withdrawal: {
        id: row.id,
        amount: row.amount,
        currency: row.currency,
        status: row.status,
        providerReference: row.provider_reference,
        failure: row.failure,
        createdAt: new Date(row.created_at).toISOString(),
        settledAt: row.settled_at === null ? null : new Date(row.settled_at).toISOString(),
      },
    };
  }
}
