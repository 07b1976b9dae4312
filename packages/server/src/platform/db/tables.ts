import type { Generated } from 'kysely';

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
  ledger_accounts: LedgerAccountsTable;
  ledger_transfers: LedgerTransfersTable;
  ledger_entries: LedgerEntriesTable;
  ledger_holds: LedgerHoldsTable;
  pay_idempotency: PayIdempotencyTable;
  pay_wallet_settings: PayWalletSettingsTable;
  pay_chat_transfers: PayChatTransfersTable;
  pay_red_packets: PayRedPacketsTable;
  pay_red_packet_claims: PayRedPacketClaimsTable;
  pay_audit_log: PayAuditLogTable;
  rate_limit_buckets: RateLimitBucketsTable;
  pay_withdrawals: PayWithdrawalsTable;
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
  kind: 'text' | 'image' | 'file' | 'voice' | 'system' | 'transfer' | 'red_packet';
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

/** Amounts are integer minor units in BIGINT columns (read back as numbers: all stay below 2^53). */
export interface LedgerAccountsTable {
  id: string;
  /** "user" (a wallet), "escrow" (money held for a transfer or red packet), "funding" or "operator" (outside money). */
  owner_kind: string;
  owner_id: string;
  currency: string;
  balance: number;
  version: number;
  allow_negative: number;
  created_at: number;
  /**
   * What the account paid out (movements of the spending kinds) on UTC day `spent_day`, counted in
   * days since 1970: kept beside the balance, written by the same update, so the daily limit is one
   * row read. On a later day it is read as 0.
   */
  spent_day: Generated<number>;
  spent_today: Generated<number>;
}

export interface LedgerTransfersTable {
  id: string;
  kind: string;
  currency: string;
  amount: number;
  memo: string;
  reference_id: string | null;
  conversation_id: string | null;
  hold_id: string | null;
  created_at: number;
}

export interface LedgerEntriesTable {
  account_id: string;
  version: number;
  transfer_id: string;
  amount: number;
  balance_after: number;
  kind: string;
  counterparty_id: string | null;
  created_at: number;
}

export interface LedgerHoldsTable {
  id: string;
  group_id: string;
  share: number;
  escrow_account_id: string;
  source_account_id: string;
  amount: number;
  status: 'open' | 'posted' | 'voided';
  expires_at: number;
  created_at: number;
  settled_at: number | null;
  settle_transfer_id: string | null;
  recipient_account_id: string | null;
}

export interface PayIdempotencyTable {
  caller_id: string;
  key: string;
  request_hash: string;
  result: string | null;
  created_at: number;
}

export interface PayWalletSettingsTable {
  user_id: string;
  password_hash: string | null;
  failed_tries: number;
  locked_until: number | null;
  updated_at: number;
}

export interface PayChatTransfersTable {
  id: string;
  conversation_id: string;
  sender_id: string;
  receiver_id: string;
  amount: number;
  currency: string;
  note: string;
  status: 'pending' | 'accepted' | 'returned';
  return_reason: 'declined' | 'expired' | null;
  created_at: number;
  expires_at: number;
  settled_at: number | null;
}

export interface PayRedPacketsTable {
  id: string;
  conversation_id: string;
  sender_id: string;
  mode: 'lucky' | 'fixed';
  greeting: string;
  amount: number;
  currency: string;
  share_count: number;
  claimed_count: number;
  claimed_amount: number;
  status: 'active' | 'finished' | 'expired';
  created_at: number;
  expires_at: number;
  ended_at: number | null;
}

export interface PayRedPacketClaimsTable {
  packet_id: string;
  user_id: string;
  share: number;
  amount: number;
  created_at: number;
}

export interface PayAuditLogTable {
  id: string;
  actor: string;
  action: string;
  user_id: string | null;
  amount: number | null;
  reason: string;
  transfer_id: string | null;
  created_at: number;
}

/** Token buckets shared by the nodes on one database (`DatabaseRateLimiter`); key is "limiter:key". */
export interface RateLimitBucketsTable {
  key: string;
  tokens: number;
  /** Whether the last take got a token (1) or was refused (0). */
  allowed: number;
  updated_at: number;
}

/** A withdrawal: held in the ledger until the funding provider pays it out or refuses it. */
export interface PayWithdrawalsTable {
  id: string;
  user_id: string;
  account_id: string;
  amount: number;
  currency: string;
  status: 'pending' | 'succeeded' | 'failed';
  provider: string;
  hold_transfer_id: string;
  provider_reference: string | null;
  failure: string | null;
  attempts: Generated<number>;
  created_at: number;
  settled_at: number | null;
}
