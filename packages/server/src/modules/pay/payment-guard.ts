import type { RateLimit } from '../../platform/rate-limit';
import { AppError } from '../../platform/errors';
import type { WalletService } from './wallet.service';

/** What every payment passes before its transaction: the per-user rate limit, then the payment password. */
export class PaymentGuard {
  constructor(
    private readonly wallet: WalletService,
    private readonly limiter: RateLimit,
  ) {}

  /** Takes one request from the user's budget; throws `rate_limited` when it is spent. */
  async throttle(userId: string): Promise<void> {
    if (!(await this.limiter.take(userId))) throw new AppError('rate_limited', 'Too many payment requests; wait a moment and try again');
  }

  async confirm(userId: string, paymentPassword: string): Promise<void> {
    await this.throttle(userId);
    await this.wallet.verifyPaymentPassword(userId, paymentPassword);
  }
}
