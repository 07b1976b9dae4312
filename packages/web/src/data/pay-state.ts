import type { ChatTransfer, RedPacket, Wallet } from '@tessera/protocol';

/**
 * Transfers and red packets reach the app two ways, a GET and a timeline event, and a GET
 * answered before an event may arrive after it. Both only move forward (pending -> settled;
 * active -> more claims -> ended), so the further-along copy wins whatever the arrival order.
 */
export function laterTransfer(known: ChatTransfer | undefined, next: ChatTransfer): ChatTransfer {
  if (!known) return next;
  if (known.status !== 'pending' && next.status === 'pending') return known;
  return next;
}

function packetProgress(packet: RedPacket): number {
  return (packet.status === 'active' ? 0 : 1_000_000) + packet.claimedCount;
}

/** The further-along copy of a red packet, keeping what the viewer got if only one copy knows it. */
export function laterPacket(known: RedPacket | undefined, next: RedPacket): RedPacket {
  if (!known) return next;
  const [ahead, behind] = packetProgress(known) > packetProgress(next) ? [known, next] : [next, known];
  // Timeline events leave the claims list out (only a GET or a grab's answer carries it): keep the last list seen.
  const claims = ahead.claims ?? behind.claims;
  const myAmount = ahead.myAmount ?? behind.myAmount;
  if (claims === ahead.claims && myAmount === ahead.myAmount) return ahead;
  return { ...ahead, myAmount, claims };
}

/**
 * The newer copy of the wallet: every movement bumps its version, so an older balance answered by a
 * slow GET never replaces a newer one from an event. Equal versions (a password change moves no
 * money) take the copy that arrived last.
 */
export function laterWallet(known: Wallet | null | undefined, next: Wallet): Wallet {
  if (known && known.userId === next.userId && known.version > next.version) return known;
  return next;
}
