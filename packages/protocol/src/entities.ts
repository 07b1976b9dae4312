/** Entities as the server presents them to clients (REST bodies and timeline events). */

export interface Profile {
  id: string;
  handle: string;
  nickname: string;
  avatarMediaId: string | null;
  bio: string;
  region: string;
}

export interface SelfProfile extends Profile {
  phone: string | null;
  createdAt: string;
}

export interface Session {
  id: string;
  deviceName: string;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

export interface Contact {
  userId: string;
  remark: string;
  profile: Profile;
  since: string;
}

export type FriendRequestStatus = 'pending' | 'accepted' | 'declined';

export interface FriendRequest {
  id: string;
  fromUserId: string;
  toUserId: string;
  greeting: string;
  status: FriendRequestStatus;
  createdAt: string;
  updatedAt: string;
  /** Profile of the other party, as the viewer sees it. */
  from: Profile;
}

export type ConversationKind = 'direct' | 'group' | 'service';
export type MemberRole = 'owner' | 'admin' | 'member';

export interface Member {
  userId: string;
  role: MemberRole;
  joinedAt: string;
}

/** A conversation as one user sees it: shared fields plus that user's own settings and read state. */
export interface Conversation {
  id: string;
  kind: ConversationKind;
  name: string;
  avatarMediaId: string | null;
  announcement: string;
  /** The other participant in a direct conversation. */
  peerId: string | null;
  ownerId: string | null;
  memberCount: number;
  lastSeq: number;
  /** The user's own settings. */
  pinned: boolean;
  muted: boolean;
  readSeq: number;
  /** Messages after readSeq not sent by the user. */
  unread: number;
  /** Lowest unread seq that mentions the user, or null. */
  mentionSeq: number | null;
  /** In a direct conversation, how far the other participant has read; null elsewhere. */
  peerReadSeq: number | null;
  updatedAt: string;
}

/** What a media upload answers with: the content hash as id, the sniffed type and, for images, their size and thumbnail. */
export interface MediaInfo {
  id: string;
  contentType: string;
  size: number;
  width?: number;
  height?: number;
  thumbnailId?: string;
}
