import type { Message, QuoteRef } from '@tessera/protocol';
import type { MessagesTable } from '../../platform/db/tables';

export type MessageRow = MessagesTable;

/** A stored message row as clients see it. A recalled message keeps its place but loses its content. */
export function messageFromRow(row: MessageRow): Message {
  const recalled = row.recalled_at !== null;
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    senderId: row.sender_id,
    clientMsgId: row.client_msg_id,
    kind: row.kind,
    body: recalled ? {} : (JSON.parse(row.body) as Record<string, unknown>),
    quote: recalled || row.quote === null ? null : (JSON.parse(row.quote) as QuoteRef),
    mentions: JSON.parse(row.mentions) as string[],
    sentAt: new Date(row.sent_at).toISOString(),
    recalled,
  };
}
