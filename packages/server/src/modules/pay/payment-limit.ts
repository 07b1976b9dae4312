import { AppError } from '../../platform/errors';
import type { RateLimiter } from '../../platform/rate-limit';

/** Takes one of the user's money-moving tokens, or throws `rate_limited` when they are used up. */
export function takePaymentToken(limiter: RateLimiter, userId: string): void {
  if (!limiter.take(`pay:${userId}`)) throw new AppError('rate_limited', 'Too many payments in a short time; wait a moment and try again');
}
