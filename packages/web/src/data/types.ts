import type { Conversation, Message, OutgoingContent } from '@tessera/protocol';

/** A conversation as the app keeps it: the server's view plus the last message for the list. */
export interface ConversationRecord extends Conversation {
  last: Message | null;
}

export type OutboxStatus = 'sending' | 'failed';

/** A message the user sent that the server has not yet confirmed. */
export interface OutboxItem {
  clientMsgId: string;
  conversationId: string;
  content: OutgoingContent;
  quoteSeq?: number;
  mentions?: string[];
  createdAt: string;
  status: OutboxStatus;
  /** Why it failed, as an error code. */
  error?: string;
  /** Filled in by the ack, before the timeline event arrives. */
  seq?: number;
}
