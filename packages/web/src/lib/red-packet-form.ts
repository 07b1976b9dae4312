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

export type RedPacketFormError = Extract<ParsedAmount, { ok: false }>['code'] | 'shares_invalid' | 'share_too_small';

/** Reads the composer's fields into a red packet, or the first thing wrong with them. */
export function readRedPacketForm(input: { mode: RedPacketFormMode; amountText: string; sharesText: string }): { ok: true; draft: RedPacketDraft } | { ok: false; code: RedPacketFormError } {
  const sharesText = input.sharesText.trim();
  const shareCount = /^[0-9]{1,5}$/.test(sharesText) ? Number(sharesText) : 0;
  if (shareCount < 1) return { ok: false, code: 'shares_invalid' };
  const parsed = parseYuan(input.amountText);
  if (!parsed.ok) return parsed;
  // Every share of a lucky packet holds at least one fen.
  if (input.mode === 'lucky' && parsed.fen < shareCount) return { ok: false, code: 'share_too_small' };
  const total = input.mode === 'lucky' ? parsed.fen : parsed.fen * shareCount;
  if (total > maxFen) return { ok: false, code: 'amount_too_large' };
  return { ok: true, draft: { mode: input.mode, amount: parsed.fen, shareCount, total } };
}
