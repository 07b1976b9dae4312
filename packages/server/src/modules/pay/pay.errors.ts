import type { RedPacketLimitReason } from '@tessera/protocol';
import { AppError } from '../../platform/errors';

/** Errors of the payments module, by stable code. */
export const payErrors = {
  amountInvalid: (why: string) => new AppError('amount_invalid', why),
  insufficientFunds: () => new AppError('insufficient_funds', 'The balance is not enough for this payment'),
  currencyMismatch: () => new AppError('currency_mismatch', 'The accounts of a transfer must share one currency'),
  dailyLimitExceeded: (remaining: number) =>
    new AppError('daily_limit_exceeded', 'This would exceed your daily payment limit', { remaining }),
  idempotencyKeyReused: () =>
    new AppError('idempotency_key_reused', 'This idempotency key was already used for a different request'),
  passwordNotSet: () => new AppError('payment_password_not_set', 'Set a payment password first'),
  passwordWrong: (triesLeft: number) => new AppError('payment_password_wrong', 'Wrong payment password', { triesLeft }),
  passwordLocked: (until: number) =>
    new AppError('payment_password_locked', 'Too many wrong payment passwords; try again later', {
      lockedUntil: new Date(until).toISOString(),
    }),
  transferNotFound: () => new AppError('transfer_not_found', 'No such transfer'),
  transferNotPending: () => new AppError('transfer_not_pending', 'This transfer has already been accepted or returned'),
  notReceiver: () => new AppError('not_transfer_receiver', 'Only the receiver can accept or return this transfer'),
  redPacketNotFound: () => new AppError('red_packet_not_found', 'No such red packet'),
  redPacketLimit: (reason: RedPacketLimitReason, why: string, limit?: number) =>
    new AppError('red_packet_limit_exceeded', why, limit === undefined ? { reason } : { reason, limit }),
  holdNotOpen: () => new AppError('hold_not_open', 'This hold was already posted or voided'),
  fundingFailed: (why: string) => new AppError('funding_failed', why),
  operatorUnauthorized: () => new AppError('operator_unauthorized', 'A valid operator token is required'),
  directOnly: () => new AppError('bad_request', 'Transfers can be sent only in direct chats'),
};
