import type { RedPacket } from '@tessera/protocol';
import type { ClaimRow, RedPacketRow } from './red-packet.repository';

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * A red packet as one person sees it. Who got how much is shown to the sender, to everyone who
 * grabbed, and to everyone once the packet has ended, as WeChat does; the luckiest is named once
 * a lucky packet with several shares is all taken.
 */
export function packetView(row: RedPacketRow, claims: ClaimRow[], viewerId: string, testMoney: boolean): RedPacket {
  const mine = claims.find((claim) => claim.user_id === viewerId);
  const visible = viewerId === row.sender_id || mine !== undefined || row.status !== 'active';
  let luckiest: ClaimRow | undefined;
  if (row.status === 'finished' && row.mode === 'lucky' && row.share_count > 1) {
    for (const claim of claims) {
      if (!luckiest || claim.amount > luckiest.amount || (claim.amount === luckiest.amount && claim.share < luckiest.share)) luckiest = claim;
    }
  }
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
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    endedAt: row.ended_at === null ? null : iso(row.ended_at),
    myAmount: mine?.amount ?? null,
    claims: visible ? [...claims].sort((a, b) => a.share - b.share).map((claim) => ({ userId: claim.user_id, amount: claim.amount, at: iso(claim.created_at) })) : null,
    luckiestUserId: luckiest?.user_id ?? null,
    testMoney,
  };
}
