import type { Conversation } from '@tessera/protocol';
import type { MembershipRow } from './conversation.repository';

/** A conversation as one member sees it. */
export function conversationView(
  row: MembershipRow,
  peerId: string | null,
  unread: number,
  mentionSeq: number | null,
  peerReadSeq: number | null = null,
): Conversation {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    avatarMediaId: row.avatar_media_id,
    announcement: row.announcement,
    peerId: row.kind === 'direct' ? peerId : null,
    ownerId: row.owner_id,
    memberCount: row.member_count,
    lastSeq: row.last_seq,
    pinned: row.pinned === 1,
    muted: row.muted === 1,
    readSeq: Math.max(row.read_seq, row.from_seq),
    unread,
    mentionSeq,
    peerReadSeq: row.kind === 'direct' ? (peerReadSeq ?? 0) : null,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The other participant of a direct conversation, from its unique key "direct:<a>:<b>". */
export function directPeer(uniqueKey: string | null, viewerId: string): string | null {
  if (!uniqueKey?.startsWith('direct:')) return null;
  const [, first, second] = uniqueKey.split(':');
  return first === viewerId ? (second ?? null) : (first ?? null);
}

export function directKey(a: string, b: string): string {
  return a < b ? `direct:${a}:${b}` : `direct:${b}:${a}`;
}
