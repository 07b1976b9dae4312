import type { RedPacketLimitReason } from '@tessera/protocol';
import type { Translate } from '../i18n/i18n';
import { formatFen } from './money';

const limitReasons: readonly RedPacketLimitReason[] = ['total_too_large', 'too_many_shares', 'more_shares_than_members', 'share_below_minimum', 'direct_chat_one_share'];

function isLimitReason(value: unknown): value is RedPacketLimitReason {
  return typeof value === 'string' && (limitReasons as readonly string[]).includes(value);
}

function wholeNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/**
 * A red-packet limit in words, naming the bound. Null when a reason that needs its bound came
 * without one, so the caller falls back to the general message rather than printing a blank.
 */
export function redPacketLimitText(reason: RedPacketLimitReason, limit: number | undefined, t: Translate): string | null {
  switch (reason) {
    case 'share_below_minimum':
      return t('redPacket.tooSmall');
    case 'direct_chat_one_share':
      return t('redPacket.limitDirect');
    case 'total_too_large':
      return limit === undefined ? null : t('redPacket.limitTotal', { amount: formatFen(limit) });
    case 'too_many_shares':
      return limit === undefined ? null : t('redPacket.limitShares', { count: limit });
    case 'more_shares_than_members':
      return limit === undefined ? null : t('redPacket.limitMembers', { count: limit });
  }
}

/**
 * The specific words for a payment error whose `details` say more than its code: which red-packet
 * limit was passed, how many password tries are left, until when payments are locked. Null when
 * the details are missing or not understood, so the code's general message shows instead.
 * `formatTime` is passed in so this stays free of the DOM-bound formatters (and testable in Node).
 */
export function payErrorText(code: string, details: unknown, t: Translate, formatTime: (iso: string) => string): string | null {
  const fields = typeof details === 'object' && details !== null ? (details as Record<string, unknown>) : {};
  if (code === 'red_packet_limit_exceeded' && isLimitReason(fields.reason)) return redPacketLimitText(fields.reason, wholeNumber(fields.limit), t);
  if (code === 'payment_password_wrong') {
    const triesLeft = wholeNumber(fields.triesLeft);
    if (triesLeft === undefined || triesLeft < 1) return null;
    return triesLeft === 1 ? t('paySheet.wrongLastTry') : t('paySheet.wrongTries', { count: triesLeft });
  }
  if (code === 'payment_password_locked' && typeof fields.lockedUntil === 'string' && !Number.isNaN(Date.parse(fields.lockedUntil))) {
    return t('paySheet.lockedUntil', { time: formatTime(fields.lockedUntil) });
  }
  return null;
}
