import { z } from 'zod';
import { id } from './messages';

/**
 * Money on the wire: integer minor units (fen for CNY), never floats. 1234 means 12.34.
 * JSON numbers are exact for every amount the ledger allows (far below 2^53).
 */
export const amount = z.number().int().positive().max(1_000_000_000_00);

/** A client-chosen key, unique per user, that makes a money-moving call safe to retry. */
export const idempotencyKey = z.string().min(8).max(64).regex(/^[A-Za-z0-9_:.-]+$/, 'letters, digits and _ : . - only');

/** The six-digit payment password that confirms every payment. */
export const paymentPassword = z.string().regex(/^[0-9]{6}$/, 'must be six digits');

/** What a wallet movement was, as the statement lists it. */
export const movementKind = z.enum([
  'top_up',
  'withdrawal',
  'transfer_sent',
  'transfer_received',
  'transfer_returned',
  'red_packet_sent',
  'red_packet_received',
  'red_packet_refund',
  'withdrawal_returned',
  'operator_credit',
  'operator_debit',
]);
export type MovementKind = z.infer<typeof movementKind>;

export interface Wallet {
  userId: string;
  currency: string;
  /** Available balance in minor units. */
  balance: number;
  /** True while the funding provider is the sandbox: every amount shown is test money. */
  testMoney: boolean;
  hasPaymentPassword: boolean;
  /** Set while the payment password is locked after too many wrong tries. */
  paymentPasswordLockedUntil: string | null;
  /** What the user may still pay out today (transfers, red packets, withdrawals). */
  dailyLimit: number;
  spentToday: number;
  /** Bumped by every movement: of two copies of the wallet, the one with the higher version is newer. */
  version: number;
  /** The operator's red-packet limits, so a composer can check before asking for the password. */
  redPacketMaxAmount: number;
  redPacketMaxShares: number;
}

/**
 * A withdrawal as the funding provider carries it out: `pending` from the request until the
 * provider pays it out (`succeeded`) or refuses it (`failed`: the money is back in the wallet).
 */
export interface Withdrawal {
  id: string;
  amount: number;
  currency: string;
  status: 'pending' | 'succeeded' | 'failed';
  /** The provider's own reference for the payout, once it has paid it out. */
  providerReference: string | null;
  /** Why the provider refused, for `failed`. */
  failure: string | null;
  createdAt: string;
  settledAt: string | null;
}

/** One line of the statement: a movement of the wallet's balance. */
export interface Movement {
  id: string;
  kind: MovementKind;
  /** Signed: positive into the wallet, negative out of it. */
  amount: number;
  balanceAfter: number;
  currency: string;
  at: string;
  memo: string;
  /** The other person, where there is one (transfers, red packets). */
  counterpartyId: string | null;
  conversationId: string | null;
  /** The transfer or red packet this movement belongs to. */
  referenceId: string | null;
  testMoney: boolean;
}

export interface Statement {
  movements: Movement[];
  /** Pass as `before` to read the next (older) page; null at the end. */
  nextCursor: string | null;
}

export interface MonthlySummary {
  /** YYYY-MM, in the server's reporting time zone (UTC). */
  month: string;
  currency: string;
  income: number;
  expense: number;
  /** Sum of signed amounts per kind. */
  byKind: Partial<Record<MovementKind, number>>;
  count: number;
}

export type TransferStatus = 'pending' | 'accepted' | 'returned';

/** Money sent to a contact inside a direct chat; held until accepted or returned. */
export interface ChatTransfer {
  id: string;
  conversationId: string;
  senderId: string;
  receiverId: string;
  amount: number;
  currency: string;
  note: string;
  status: TransferStatus;
  /** Why it returned: the receiver declined it, or 24 hours passed. */
  returnReason: 'declined' | 'expired' | null;
  createdAt: string;
  expiresAt: string;
  settledAt: string | null;
  testMoney: boolean;
}

export type RedPacketMode = 'lucky' | 'fixed';
export type RedPacketStatus = 'active' | 'finished' | 'expired';

export interface RedPacketClaim {
  userId: string;
  amount: number;
  at: string;
}

export interface RedPacket {
  id: string;
  conversationId: string;
  senderId: string;
  mode: RedPacketMode;
  greeting: string;
  /** Total in minor units. */
  amount: number;
  currency: string;
  shareCount: number;
  claimedCount: number;
  claimedAmount: number;
  status: RedPacketStatus;
  createdAt: string;
  expiresAt: string;
  /** When the last share was taken (finished) or the rest went back to the sender (expired). */
  endedAt: string | null;
  /** What the viewer got, or null if they have not grabbed it. */
  myAmount: number | null;
  /**
   * Who got how much, oldest first; shown once the viewer has grabbed, to the sender, and to everyone
   * once the packet has ended. `red_packet.updated` events carry it only in the sender's copy: a grab's
   * answer and `GET /api/v1/red-packets/:id` carry it for the others.
   */
  claims: RedPacketClaim[] | null;
  /** In a finished lucky packet, who got the most (earliest among equals). */
  luckiestUserId: string | null;
  testMoney: boolean;
}

/** Why a red packet was refused, in the `details.reason` of `red_packet_limit_exceeded`. */
export type RedPacketLimitReason =
  | 'total_too_large'
  | 'too_many_shares'
  | 'more_shares_than_members'
  | 'share_below_minimum'
  | 'direct_chat_one_share';

export type GrabOutcome = 'grabbed' | 'already_grabbed' | 'empty' | 'expired';

export interface GrabResult {
  outcome: GrabOutcome;
  /** What the caller got from this packet (now or earlier); null if nothing. */
  amount: number | null;
  packet: RedPacket;
}

/** Message bodies of the payment kinds. The card's live state comes from the transfer or packet. */
export interface TransferMessageBody {
  transferId: string;
  receiverId: string;
  amount: number;
  currency: string;
  note: string;
}

export interface RedPacketMessageBody {
  packetId: string;
  mode: RedPacketMode;
  greeting: string;
  shareCount: number;
}

// Requests

export const topUpRequest = z.object({ amount, idempotencyKey });
export type TopUpRequest = z.infer<typeof topUpRequest>;

export const withdrawRequest = z.object({ amount, paymentPassword, idempotencyKey });
export type WithdrawRequest = z.infer<typeof withdrawRequest>;

/** Sets the payment password the first time, or resets it (and lifts a lock) with the login password. */
export const setPaymentPasswordRequest = z.object({
  newPassword: paymentPassword,
  loginPassword: z.string().min(1).max(128),
});
export type SetPaymentPasswordRequest = z.infer<typeof setPaymentPasswordRequest>;

export const statementQuery = z.object({
  kind: movementKind.optional(),
  direction: z.enum(['in', 'out']).optional(),
  /** ISO date-times; from inclusive, to exclusive. */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  before: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type StatementQuery = z.infer<typeof statementQuery>;

export const summaryQuery = z.object({ month: z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM') });

export const sendTransferRequest = z.object({
  amount,
  note: z.string().max(40).default(''),
  paymentPassword,
  idempotencyKey,
});
export type SendTransferRequest = z.infer<typeof sendTransferRequest>;

export const sendRedPacketRequest = z.object({
  mode: z.enum(['lucky', 'fixed']),
  /** Lucky: the total, split at random. Fixed: what each share holds. */
  amount,
  shareCount: z.number().int().min(1).max(10_000),
  greeting: z.string().max(40).default(''),
  paymentPassword,
  idempotencyKey,
});
export type SendRedPacketRequest = z.infer<typeof sendRedPacketRequest>;

/** Operator credit (positive) or debit (negative) of a user's wallet, with the reason for the audit log. */
export const operatorAdjustmentRequest = z.object({
  userId: id,
  amount: z.number().int().refine((value) => value !== 0, 'must not be zero'),
  reason: z.string().min(3).max(200),
  idempotencyKey,
});
export type OperatorAdjustmentRequest = z.infer<typeof operatorAdjustmentRequest>;

/** One line of the operator's audit log: who adjusted whose wallet, by how much, and why. */
export interface AuditEntry {
  id: string;
  /** The operator: "admin-api" for the admin endpoints, "cli:<name>" for the command line. */
  actor: string;
  action: 'operator_credit' | 'operator_debit';
  userId: string | null;
  /** Signed minor units, as the user's wallet saw it. */
  amount: number | null;
  reason: string;
  transferId: string | null;
  at: string;
}

export const auditQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });
