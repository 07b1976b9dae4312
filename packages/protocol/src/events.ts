import type { Contact, Conversation, FriendRequest, Member, Profile } from './entities';
import type { Message } from './messages';
import type { ChatTransfer, RedPacket, Wallet } from './pay';

/**
 * A user's timeline: every change a device must learn about, numbered by a per-user `seq`.
 * A device keeps the last seq it holds as its cursor and syncs everything after it.
 */
export type TimelinePayload =
  | { kind: 'message.new'; message: Message }
  | { kind: 'message.recalled'; conversationId: string; messageSeq: number; by: string }
  | { kind: 'read.updated'; conversationId: string; readSeq: number }
  /** The other participant of a direct conversation read up to `readSeq`. */
  | { kind: 'peer_read.updated'; conversationId: string; userId: string; readSeq: number }
  | { kind: 'conversation.updated'; conversation: Conversation; members?: Member[] }
  | { kind: 'conversation.removed'; conversationId: string }
  | { kind: 'contact.updated'; contact: Contact }
  | { kind: 'contact.removed'; userId: string }
  | { kind: 'friend_request.updated'; request: FriendRequest }
  | { kind: 'profile.updated'; profile: Profile }
  | { kind: 'block.updated'; userId: string; blocked: boolean }
  /** The wallet's balance or settings changed (every movement, on every device). */
  | { kind: 'wallet.updated'; wallet: Wallet }
  /** A chat transfer was sent, accepted or returned; to its sender and receiver. */
  | { kind: 'transfer.updated'; transfer: ChatTransfer }
  /** A red packet as this user sees it: to the grabber and sender on each grab, to every member when it ends. */
  | { kind: 'red_packet.updated'; packet: RedPacket };

export type TimelineEventKind = TimelinePayload['kind'];

export type TimelineEvent = TimelinePayload & { seq: number; at: string };
