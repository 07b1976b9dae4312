import { z } from 'zod';
import { clientMsgId, id, outgoingContent } from './messages';
import type { TimelineEvent } from './events';
import type { Message } from './messages';

/** Largest WebSocket frame a client may send, in bytes. */
export const maxClientFrameBytes = 64 * 1024;
/** Most events the server puts in one `events` frame while syncing. */
export const syncBatchSize = 500;

const requestId = z.string().min(1).max(64);

const cursor = z.number().int().nonnegative();
const seq = z.number().int().positive();

/**
 * Frames a client sends, by `type`. Every frame that expects an answer carries `id`; the answer
 * echoes it. Decoders look the schema up by type, so an unknown type is its own error.
 */
export const clientFrameSchemas = {
  sync: z.object({ type: z.literal('sync'), id: requestId, cursor }),
  send: z.object({
    type: z.literal('send'),
    id: requestId,
    conversationId: id,
    clientMsgId,
    content: outgoingContent,
    quoteSeq: seq.optional(),
    mentions: z.array(id).max(500).optional(),
  }),
  read: z.object({ type: z.literal('read'), id: requestId, conversationId: id, seq: cursor }),
  recall: z.object({ type: z.literal('recall'), id: requestId, conversationId: id, seq }),
  history: z.object({
    type: z.literal('history'),
    id: requestId,
    conversationId: id,
    beforeSeq: seq.optional(),
    limit: z.number().int().min(1).max(200).optional(),
  }),
  typing: z.object({ type: z.literal('typing'), conversationId: id }),
  ping: z.object({ type: z.literal('ping'), id: requestId.optional() }),
} as const;

export type ClientFrameType = keyof typeof clientFrameSchemas;
export type ClientFrameOf<T extends ClientFrameType> = z.infer<(typeof clientFrameSchemas)[T]>;
export type ClientFrame = { [T in ClientFrameType]: ClientFrameOf<T> }[ClientFrameType];

/** Frames the server sends. */
export type ServerFrame =
  | { type: 'ready'; userId: string; sessionId: string; heartbeatMs: number }
  | { type: 'events'; id: string; events: TimelineEvent[]; more: boolean }
  | { type: 'synced'; id: string; cursor: number }
  | { type: 'event'; event: TimelineEvent }
  | { type: 'ack'; id: string; clientMsgId: string; conversationId: string; seq: number; messageId: string; sentAt: string }
  | { type: 'ok'; id: string }
  | { type: 'history'; id: string; messages: Message[] }
  | { type: 'typing'; conversationId: string; userId: string }
  | { type: 'pong'; id?: string }
  | { type: 'error'; id?: string; code: string; message: string; details?: unknown };
