/**
 * The database schema as Kysely sees it. Times are milliseconds since the epoch (BIGINT),
 * JSON is stored as text, booleans as 0/1 integers: the same on SQLite and PostgreSQL.
 */
export interface Tables {
  users: UsersTable;
  sessions: SessionsTable;
  contacts: ContactsTable;
  blocks: BlocksTable;
  friend_requests: FriendRequestsTable;
  conversations: ConversationsTable;
  members: MembersTable;
  messages: MessagesTable;
  mentions: MentionsTable;
  timeline: TimelineTable;
  media: MediaTable;
  media_refs: MediaRefsTable;
}

export interface UsersTable {
  id: string;
  handle: string;
  handle_lower: string;
  phone: string | null;
  password_hash: string;
  nickname: string;
  avatar_media_id: string | null;
  bio: string;
  region: string;
  timeline_seq: number;
  failed_logins: number;
  locked_until: number | null;
  created_at: number;
  updated_at: number;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  token_hash: string;
  device_name: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface ContactsTable {
  owner_id: string;
  contact_id: string;
  remark: string;
  created_at: number;
}

export interface BlocksTable {
  owner_id: string;
  blocked_id: string;
  created_at: number;
}

export interface FriendRequestsTable {
  id: string;
  from_user_id: string;
  to_user_id: string;
  greeting: string;
  status: 'pending' | 'accepted' | 'declined';
  created_at: number;
  updated_at: number;
}

export interface ConversationsTable {
  id: string;
  kind: 'direct' | 'group' | 'service';
  /** Unique key for conversations that must exist once: "direct:<a>:<b>" (sorted) or "service:<user>". */
  unique_key: string | null;
  name: string;
  avatar_media_id: string | null;
  announcement: string;
  owner_id: string | null;
  last_seq: number;
  member_count: number;
  created_at: number;
  updated_at: number;
}

export interface MembersTable {
  conversation_id: string;
  user_id: string;
  role: 'owner' | 'admin' | 'member';
  pinned: number;
  muted: number;
  read_seq: number;
  /** Messages up to this seq are hidden from the member (joined later, or deleted the chat). */
  from_seq: number;
  joined_at: number;
  updated_at: number;
}

export interface MessagesTable {
  id: string;
  conversation_id: string;
  seq: number;
  sender_id: string;
  client_msg_id: string | null;
  kind: 'text' | 'image' | 'file' | 'voice' | 'system';
  body: string;
  quote: string | null;
  mentions: string;
  sent_at: number;
  recalled_at: number | null;
}

export interface MentionsTable {
  conversation_id: string;
  seq: number;
  /** A mentioned user id, or "*" for everyone. */
  user_id: string;
}

export interface TimelineTable {
  user_id: string;
  seq: number;
  kind: string;
  /** For message events: the message, by (conversation, seq), joined in when read. */
  conversation_id: string | null;
  message_seq: number | null;
  /** For every other event: its JSON payload. */
  payload: string | null;
  created_at: number;
}

export interface MediaTable {
  id: string;
  size: number;
  content_type: string;
  width: number | null;
  height: number | null;
  thumbnail_id: string | null;
  created_at: number;
}

/** Who may read a blob: its uploaders, members of conversations that reference it, or anyone ("public") for avatars. */
export interface MediaRefsTable {
  media_id: string;
  /** "user:<id>", "conversation:<id>" or "public". */
  holder: string;
  created_at: number;
}
