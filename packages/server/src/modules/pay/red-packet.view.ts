import type { RedPacket, RedPacketClaim } from '@tessera/protocol';
import type { ClaimRow, RedPacketRow } from './red-packet.repository';

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * A red packet as one person sees it. Who got how much is shown to the sender, to everyone who
 * grabbed, and to everyone once the packet has ended, as WeChat does; the luckiest is named once
 * a lucky packet with several shares is all taken.
 */
export function packetView(row: RedPacketRow, claims: ClaimRow[], viewerId: string, testMoney: boolean): RedPacket {
  return viewerPacket(packetBase(row, claims, testMoney), viewerId, { withClaims: true });
}

/** The parts of a packet's view that are the same for every viewer, built once per change. */
export interface PacketBase {
  row: RedPacketRow;
  claims: RedPacketClaim[];
  /** What each grabber got. */
  amounts: Map<string, number>;
  luckiestUserId: string | null;
  testMoney: boolean;
  /** The row's times as ISO strings, formatted once rather than for every viewer. */
  createdAt: string;
  expiresAt: string;
  endedAt: string | null;
}

export function packetBase(row: RedPacketRow, claims: ClaimRow[], testMoney: boolean): PacketBase {
  let luckiest: ClaimRow | undefined;
  if (row.status === 'finished' && row.mode === 'lucky' && row.share_count > 1) {
    for (const claim of claims) {
      if (!luckiest || claim.amount > luckiest.amount || (claim.amount === luckiest.amount && claim.share < luckiest.share)) luckiest = claim;
    }
  }
  // Claims of one batch share a time: format each time once.
  const times = new Map<number, string>();
  const timeOf = (ms: number): string => times.get(ms) ?? (times.set(ms, iso(ms)), times.get(ms)!);
  const ordered = [...claims].sort((a, b) => a.share - b.share).map((claim) => ({ userId: claim.user_id, amount: claim.amount, at: timeOf(claim.created_at) }));
  const amounts = new Map(claims.map((claim) => [claim.user_id, claim.amount]));
  return {
    row,
    claims: ordered,
    amounts,
    luckiestUserId: luckiest?.user_id ?? null,
    testMoney,
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    endedAt: row.ended_at === null ? null : iso(row.ended_at),
  };
}

/**
 * One viewer's packet from the shared base. `withClaims: false` leaves the list out: timeline
 * events do, except the sender's, so a packet with many shares does not copy its whole list into
 * every member's timeline; a grab's answer and a GET carry it.
 */
export function viewerPacket(base: PacketBase, viewerId: string, options: { withClaims: boolean }): RedPacket {
  const { row } = base;
  const mine = base.amounts.get(viewerId);
  const visible = options.withClaims && (viewerId === row.sender_id || mine !== undefined || row.status !== 'active');
  return {
    id: row.id,
    conversationId: row.conversation_id,
    senderId: row.sender_id,
    mode: row.mode,
    greeting: row.greeting,
    amount: row.amount,
    currency: row.currency,
    shareCount: row.share_count,
    claimedCount: row.claimed_count,
    claimedAmount: row.claimed_amount,
    status: row.status,
    createdAt: base.createdAt,
    expiresAt: base.expiresAt,
    endedAt: base.endedAt,
    myAmount: mine ?? null,
    claims: visible ? base.claims : null,
    luckiestUserId: base.luckiestUserId,
    testMoney: base.testMoney,
  };
}
