import type { RateLimiter } from '../../platform/rate-limit';
import { AppError } from '../../platform/errors';
import type { WalletService } from './wallet.service';

/** What every payment passes before its transaction: the per-user rate limit, then the payment password. */
export class PaymentGuard {
  constructor(
    private readonly wallet: WalletService,
    private readonly limiter: RateLimiter,
  ) {}

  /** Takes one request from the user's budget; throws `rate_limited` when it is spent. */
  throttle(userId: string): void {
    if (!this.limiter.take(`pay:${userId}`)) throw new AppError('rate_limited', 'Too many payment requests; wait a moment and try again');
  }

  async confirm(userId: string, paymentPassword: string): Promise<void> {
    this.throttle(userId);
    await this.wallet.verifyPaymentPassword(userId, paymentPassword);
  }
}
