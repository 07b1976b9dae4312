import { z } from 'zod';

export const id = z.string().min(1).max(64);
export const clientMsgId = z.string().min(1).max(64);

export const textBody = z.object({ text: z.string().min(1).max(8000) });
export const imageBody = z.object({
  mediaId: id,
  width: z.number().int().positive().max(100_000).optional(),
  height: z.number().int().positive().max(100_000).optional(),
});
export const fileBody = z.object({
  mediaId: id,
  name: z.string().min(1).max(255),
  size: z.number().int().nonnegative().optional(),
});
export const voiceBody = z.object({
  mediaId: id,
  durationMs: z.number().int().positive().max(10 * 60_000),
});

/** What a client may send: one of the user-authored kinds with its body. */
export const outgoingContent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), body: textBody }),
  z.object({ kind: z.literal('image'), body: imageBody }),
  z.object({ kind: z.literal('file'), body: fileBody }),
  z.object({ kind: z.literal('voice'), body: voiceBody }),
]);
export type OutgoingContent = z.infer<typeof outgoingContent>;

export const systemNotice = z.enum([
  'group_created',
  'member_joined',
  'member_left',
  'member_removed',
  'group_renamed',
  'announcement_changed',
  'owner_transferred',
  'contact_added',
]);
export type SystemNotice = z.infer<typeof systemNotice>;

/** `transfer` and `red_packet` are posted by the payments module, never sent by clients directly. */
export type MessageKind = 'text' | 'image' | 'file' | 'voice' | 'system' | 'transfer' | 'red_packet';

export interface SystemBody {
  notice: SystemNotice;
  actorId: string;
  targetIds?: string[];
  name?: string;
  text?: string;
}

export interface QuoteRef {
  seq: number;
  senderId: string;
  kind: MessageKind;
  /** Empty once the quoted message is recalled. */
  preview: string;
  /** True once the quoted message is recalled. */
  recalled?: boolean;
}

/** A message as the server stores and delivers it. */
export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  senderId: string;
  clientMsgId: string | null;
  kind: MessageKind;
  body: Record<string, unknown>;
  quote: QuoteRef | null;
  /** User ids mentioned, or the single entry "all". */
  mentions: string[];
  sentAt: string;
  recalled: boolean;
}
