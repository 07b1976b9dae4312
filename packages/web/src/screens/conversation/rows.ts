import type { Message } from '@tessera/protocol';
import type { OutboxItem } from '../../data/types';

/** A row of the message list: a delivered message or one still on its way. */
export type Row =
  | { kind: 'message'; key: string; message: Message; showTime: boolean }
  | { kind: 'pending'; key: string; item: OutboxItem; showTime: boolean };

const timeGapMs = 5 * 60_000;

/**
 * Messages in seq order followed by the user's unconfirmed sends, with a time shown where five
 * minutes passed since the row before.
 */
export function buildRows(messages: readonly Message[], outbox: Iterable<OutboxItem>, conversationId: string): Row[] {
  const rows: Row[] = [];
  let previous = 0;
  const delivered = new Set<string>();
  for (const message of messages) {
    const at = Date.parse(message.sentAt);
    rows.push({ kind: 'message', key: `m${message.seq}`, message, showTime: at - previous >= timeGapMs });
    previous = at;
    if (message.clientMsgId) delivered.add(message.clientMsgId);
  }
  const pending = [...outbox]
    .filter((item) => item.conversationId === conversationId && !delivered.has(item.clientMsgId))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const item of pending) {
    const at = Date.parse(item.createdAt);
    rows.push({ kind: 'pending', key: `o${item.clientMsgId}`, item, showTime: at - previous >= timeGapMs });
    previous = at;
  }
  return rows;
}
