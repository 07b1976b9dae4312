import type { RedPacketLimitReason } from '@tessera/protocol';
import { maxFen, parseYuan, type ParsedAmount } from './money';

export type RedPacketFormMode = 'lucky' | 'fixed';

/** A red packet ready to confirm: what the request carries and what leaves the wallet. */
export interface RedPacketDraft {
  mode: RedPacketFormMode;
  /** Lucky: the total. Fixed: each share (as the protocol wants it). */
  amount: number;
  shareCount: number;
  /** What the sender pays: the total, or each share times the count. */
  total: number;
}

/**
 * What the composer knows of the server's limits before asking for the password: the operator's
 * (from the wallet, once loaded) and, in a group, how many people could grab a share.
 */
export interface RedPacketLimits {
  /** Most minor units one packet may hold in all (`Wallet.redPacketMaxAmount`). */
  maxAmount?: number;
  /** Most shares one packet may have (`Wallet.redPacketMaxShares`). */
  maxShares?: number;
  /** The group's member count; absent outside groups. */
  members?: number;
}

/** The limit reasons the form checks itself, named as the server names them in `details.reason`. */
export type RedPacketFormLimit = Extract<RedPacketLimitReason, 'total_too_large' | 'too_many_shares' | 'more_shares_than_members'>;

export type RedPacketFormError = Extract<ParsedAmount, { ok: false }>['code'] | 'shares_invalid' | 'share_too_small' | RedPacketFormLimit;

export type RedPacketFormResult =
  | { ok: true; draft: RedPacketDraft }
  | { ok: false; code: Exclude<RedPacketFormError, RedPacketFormLimit> }
  /** `limit` is the bound that was passed: minor units for the total, a count for shares. */
  | { ok: false; code: RedPacketFormLimit; limit: number };

/** Reads the composer's fields into a red packet, or the first thing wrong with them. */
export function readRedPacketForm(input: { mode: RedPacketFormMode; amountText: string; sharesText: string; limits?: RedPacketLimits }): RedPacketFormResult {
  const limits = input.limits ?? {};
  const sharesText = input.sharesText.trim();
  const shareCount = /^[0-9]{1,5}$/.test(sharesText) ? Number(sharesText) : 0;
  if (shareCount < 1) return { ok: false, code: 'shares_invalid' };
  // The share count is checked before the amount, as the server does, so the first message names it.
  if (limits.maxShares !== undefined && shareCount > limits.maxShares) return { ok: false, code: 'too_many_shares', limit: limits.maxShares };
  if (limits.members !== undefined && shareCount > limits.members) return { ok: false, code: 'more_shares_than_members', limit: limits.members };
  const parsed = parseYuan(input.amountText);
  if (!parsed.ok) return parsed;
  const total = input.mode === 'lucky' ? parsed.fen : parsed.fen * shareCount;
  if (limits.maxAmount !== undefined && total > limits.maxAmount) return { ok: false, code: 'total_too_large', limit: limits.maxAmount };
  if (total > maxFen) return { ok: false, code: 'amount_too_large' };
  // Every share of a lucky packet holds at least one fen.
  if (input.mode === 'lucky' && parsed.fen < shareCount) return { ok: false, code: 'share_too_small' };
  return { ok: true, draft: { mode: input.mode, amount: parsed.fen, shareCount, total } };
}
