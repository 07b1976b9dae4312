import type { Message, OutgoingContent, QuoteRef, SystemBody } from '@tessera/protocol';
import type { Bus } from '../../platform/bus';
import type { Clock, Ids } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { messageFromRow, type MessageRow, type TimelineService, type TimelineWriter } from '../sync';
import { conversationRepository, type MembershipRow } from './conversation.repository';
import type { ConversationService } from './conversation.service';
import { directPeer } from './conversation.view';
import { messageRepository } from './message.repository';
import { messagingErrors } from './messaging.errors';
import type { MessagingPolicies } from './messaging.policies';
import { GroupCommit } from '../../platform/group-commit';

export interface SendRequest {
  conversationId: string;
  clientMsgId: string;
  content: OutgoingContent;
  quoteSeq?: number | undefined;
  mentions?: string[] | undefined;
}

export interface SendAck {
  clientMsgId: string;
  conversationId: string;
  seq: number;
  messageId: string;
  sentAt: string;
}

interface Prepared {
  row: MessageRow;
  /** The message as clients see it, but for the seq and time the batch assigns. */
  message: Message;
  mentions: string[];
  members: string[];
}
type Accepted = Prepared | { repeatOf: number };

/** What a payment card's author learns about the conversation before the card is built. */
export interface CardContext {
  conversationKind: MembershipRow['kind'];
  /** The other member of a direct chat. */
  peerId: string | null;
  members: string[];
}

export interface MessagingSettings {
  recallWindowMs: number;
  /** Send batches written at once; one conversation's messages never share concurrent batches. */
  concurrentBatches: number;
}

function ackOf(message: Message): SendAck {
  return {
    clientMsgId: message.clientMsgId ?? '',
    conversationId: message.conversationId,
    seq: message.seq,
    messageId: message.id,
    sentAt: message.sentAt,
  };
}

function previewOf(message: Message): string {
  if (message.kind === 'text') return String(message.body.text ?? '').slice(0, 100);
  if (message.kind === 'file') return String(message.body.name ?? '');
  return '';
}

/** Sending, recalling and reading messages. */
export class MessageService {
  private readonly batcher: GroupCommit<{ senderId: string; request: SendRequest }, SendAck>;

  constructor(
    private readonly db: Database,
    private readonly timeline: TimelineService,
    private readonly conversations: ConversationService,
    private readonly policies: MessagingPolicies,
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly settings: MessagingSettings,
  ) {
    // Sends that arrive together share one transaction: one durable commit acknowledges them all.
    this.batcher = new GroupCommit(
      (items) => this.timeline.write((writer) => this.sendMany(writer, items)),
      (item) => this.timeline.write(async (writer) => (await this.sendMany(writer, [item]))[0]!),
      { maxBatch: 256, maxInFlight: settings.concurrentBatches, keyOf: (item) => item.request.conversationId },
    );
  }

  /** Sends a message; resolves once it is durable. A resend with the same clientMsgId returns the first ack. */
  send(senderId: string, request: SendRequest): Promise<SendAck> {
    return this.batcher.submit({ senderId, request });
  }

  /** Posts a system notice into a conversation inside an open transaction (group changes, new contacts). */
  async postSystem(writer: TimelineWriter, conversationId: string, body: SystemBody): Promise<Message> {
    const now = this.clock.now();
    const seq = await conversationRepository.reserveSeqs(writer.db, conversationId, 1, now);
    const row: MessageRow = {
      id: this.ids.next(),
      conversation_id: conversationId,
      seq,
      sender_id: body.actorId,
      client_msg_id: null,
      kind: 'system',
      body: JSON.stringify(body),
      quote: null,
      mentions: '[]',
      sent_at: now,
      recalled_at: null,
    };
    await messageRepository.insert(writer.db, row);
    const message = messageFromRow(row);
    writer.addAll(await conversationRepository.memberIds(writer.db, conversationId), { kind: 'message.new', message });
    return message;
  }

  /**
   * Posts a payment card (a chat transfer or red packet) from a member inside an open transaction,
   * with the checks a send has: membership, no posting into service chats, blocks and contacts in
   * direct chats. The payment that the card stands for commits with it or not at all.
   */
  async postCard(
    writer: TimelineWriter,
    senderId: string,
    conversationId: string,
    kind: 'transfer' | 'red_packet',
    /** Builds the card's body once the conversation is known; may refuse by throwing. */
    build: (context: CardContext) => object,
  ): Promise<{ message: Message } & CardContext> {
    const db = writer.db;
    const membership = await this.conversations.requireMembership(db, senderId, conversationId);
    if (membership.kind === 'service') throw messagingErrors.readOnly();
    const peerId = membership.kind === 'direct' ? directPeer(membership.unique_key, senderId) : null;
    if (peerId) {
      const refusal = (await this.policies.directRefusals(db, [{ senderId, peerId }])).get(`${senderId} ${peerId}`);
      if (refusal) throw refusal;
    }
    const members = await conversationRepository.memberIds(db, conversationId);
    const context: CardContext = { conversationKind: membership.kind, peerId, members };
    const body = build(context);
    const now = this.clock.now();
    const seq = await conversationRepository.reserveSeqs(db, conversationId, 1, now);
    const row: MessageRow = {
      id: this.ids.next(),
      conversation_id: conversationId,
      seq,
      sender_id: senderId,
      client_msg_id: null,
      kind,
      body: JSON.stringify(body),
      quote: null,
      mentions: '[]',
      sent_at: now,
      recalled_at: null,
    };
    await messageRepository.insert(db, row);
    const message = messageFromRow(row);
    writer.addAll(members, { kind: 'message.new', message });
    return { message, ...context };
  }

  async recall(userId: string, conversationId: string, seq: number): Promise<void> {
    await this.timeline.write(async (writer) => {
      await this.conversations.requireMembership(writer.db, userId, conversationId);
      const row = await messageRepository.findBySeq(writer.db, conversationId, seq);
      if (!row || row.kind === 'system') throw messagingErrors.messageNotFound();
      // Money cards stay: the transfer or packet they stand for lives on.
      if (row.kind === 'transfer' || row.kind === 'red_packet') throw messagingErrors.cannotRecall();
      if (row.sender_id !== userId) throw messagingErrors.cannotRecall();
      if (row.recalled_at !== null) return;
      if (this.clock.now() - row.sent_at > this.settings.recallWindowMs) throw messagingErrors.recallWindowPassed();
      await messageRepository.markRecalled(writer.db, conversationId, seq, this.clock.now());
      await this.blankQuotesOf(writer.db, conversationId, seq);
      writer.addAll(await conversationRepository.memberIds(writer.db, conversationId), {
        kind: 'message.recalled',
        conversationId,
        messageSeq: seq,
        by: userId,
      });
    });
  }

  /**
   * Recalling takes the text back from replies that quoted it too. Replies can only come after the
   * message and within the recall window, so the scan is short.
   */
  private async blankQuotesOf(db: TimelineWriter['db'], conversationId: string, seq: number): Promise<void> {
    for (const reply of await messageRepository.quotingAfter(db, conversationId, seq)) {
      const quote = JSON.parse(reply.quote!) as QuoteRef;
      if (quote.seq !== seq) continue;
      await messageRepository.setQuote(db, conversationId, reply.seq, JSON.stringify({ ...quote, preview: '', recalled: true }));
    }
  }

  /** A page of history, newest first, of what the member may see. */
  async history(userId: string, conversationId: string, beforeSeq: number | undefined, limit: number): Promise<Message[]> {
    const membership = await this.conversations.requireMembership(this.db, userId, conversationId);
    const rows = await messageRepository.page(this.db, conversationId, membership.from_seq, beforeSeq, limit);
    return rows.map(messageFromRow);
  }

  /** Tells the other members' devices that the user is typing; nothing is stored. */
  async typing(userId: string, conversationId: string): Promise<void> {
    await this.conversations.requireMembership(this.db, userId, conversationId);
    for (const memberId of await conversationRepository.memberIds(this.db, conversationId)) {
      if (memberId !== userId) this.bus.publish(memberId, { type: 'typing', conversationId, userId });
    }
  }

  /**
   * Writes a batch of sends in one transaction with a fixed number of statements, whatever its
   * size. An item that breaks a rule gets its own error and the rest go on; every check happens
   * before anything is written.
   */
  private async sendMany(writer: TimelineWriter, items: { senderId: string; request: SendRequest }[]): Promise<(SendAck | AppError)[]> {
    const db = writer.db;
    const existing = await messageRepository.findByClientIds(
      db,
      items.map(({ senderId, request }) => ({ senderId, clientMsgId: request.clientMsgId })),
    );
    const memberships = await conversationRepository.findMemberships(
      db,
      items.map(({ senderId, request }) => ({ conversationId: request.conversationId, userId: senderId })),
    );
    const directPairs = items.flatMap(({ senderId, request }) => {
      const membership = memberships.get(`${request.conversationId} ${senderId}`);
      const peerId = membership?.kind === 'direct' ? directPeer(membership.unique_key, senderId) : null;
      return peerId ? [{ senderId, peerId }] : [];
    });
    const refusals = await this.policies.directRefusals(db, directPairs);
    const members = await conversationRepository.memberIdsMany(db, [...new Set(items.map(({ request }) => request.conversationId))]);

    const results: (SendAck | AppError | Accepted)[] = [];
    const firstIndex = new Map<string, number>();
    for (const [index, { senderId, request }] of items.entries()) {
      const key = `${senderId} ${request.clientMsgId}`;
      const sent = existing.get(key);
      if (sent) {
        results.push(ackOf(messageFromRow(sent)));
        continue;
      }
      if (firstIndex.has(key)) {
        results.push({ repeatOf: firstIndex.get(key)! });
        continue;
      }
      firstIndex.set(key, index);
      try {
        const membership = memberships.get(`${request.conversationId} ${senderId}`);
        if (!membership) {
          const exists = await conversationRepository.findById(db, request.conversationId);
          throw exists ? messagingErrors.notMember() : messagingErrors.conversationNotFound();
        }
        results.push(await this.prepare(db, senderId, request, membership, members.get(request.conversationId) ?? [], refusals));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        results.push(error);
      }
    }

    const accepted = results.filter((result): result is Prepared => result instanceof Object && 'row' in result);
    const counts = new Map<string, number>();
    for (const { row } of accepted) counts.set(row.conversation_id, (counts.get(row.conversation_id) ?? 0) + 1);
    const now = this.clock.now();
    const lastSeqs = await conversationRepository.reserveSeqsMany(db, counts, now);
    const nextSeq = new Map([...counts].map(([id, count]) => [id, lastSeqs.get(id)! - count]));
    const mentionRows = [];
    for (const prepared of accepted) {
      const seq = nextSeq.get(prepared.row.conversation_id)! + 1;
      nextSeq.set(prepared.row.conversation_id, seq);
      prepared.row.seq = seq;
      prepared.row.sent_at = now;
      for (const userId of prepared.mentions) {
        // The mentions table marks "everyone" as "*", a value no user id can take.
        mentionRows.push({ conversation_id: prepared.row.conversation_id, seq, user_id: userId === 'all' ? '*' : userId });
      }
    }
    await messageRepository.insertMany(db, accepted.map(({ row }) => row));
    await messageRepository.insertMentionRows(db, mentionRows);

    const acks = results.map((result) => {
      if (!(result instanceof Object && 'row' in result)) return result;
      // Built from the request rather than parsed back from the row: the hot path stringifies once.
      const message: Message = { ...result.message, seq: result.row.seq, sentAt: new Date(result.row.sent_at).toISOString() };
      writer.addAll(result.members, { kind: 'message.new', message });
      return ackOf(message);
    });
    return acks.map((result) => ('repeatOf' in result ? (acks[result.repeatOf] as SendAck | AppError) : result));
  }

  /** Checks one send and builds its row; the seq and time are filled in for the whole batch. */
  private async prepare(
    db: TimelineWriter['db'],
    senderId: string,
    request: SendRequest,
    membership: MembershipRow,
    members: string[],
    refusals: Map<string, AppError>,
  ): Promise<Prepared> {
    if (membership.kind === 'service') throw messagingErrors.readOnly();
    const peerId = membership.kind === 'direct' ? directPeer(membership.unique_key, senderId) : null;
    const refusal = peerId ? refusals.get(`${senderId} ${peerId}`) : undefined;
    if (refusal) throw refusal;
    const mentions = this.mentionsOf(membership, members, request.mentions);
    let quote: QuoteRef | null = null;
    if (request.quoteSeq !== undefined) {
      const quoted = await messageRepository.findBySeq(db, request.conversationId, request.quoteSeq);
      if (!quoted || quoted.seq <= membership.from_seq || quoted.recalled_at !== null) throw messagingErrors.messageNotFound();
      quote = { seq: quoted.seq, senderId: quoted.sender_id, kind: quoted.kind, preview: previewOf(messageFromRow(quoted)) };
    }
    const { content } = request;
    if (content.kind !== 'text') await this.policies.attachMedia(db, senderId, request.conversationId, content.body.mediaId, content.kind);
    const row: MessageRow = {
      id: this.ids.next(),
      conversation_id: request.conversationId,
      seq: 0,
      sender_id: senderId,
      client_msg_id: request.clientMsgId,
      kind: content.kind,
      body: JSON.stringify(content.body),
      quote: quote ? JSON.stringify(quote) : null,
      mentions: JSON.stringify(mentions),
      sent_at: 0,
      recalled_at: null,
    };
    const message: Message = {
      id: row.id,
      conversationId: row.conversation_id,
      seq: 0,
      senderId,
      clientMsgId: request.clientMsgId,
      kind: content.kind,
      body: content.body,
      quote,
      mentions,
      sentAt: '',
      recalled: false,
    };
    return { row, message, mentions, members };
  }

  private mentionsOf(membership: MembershipRow, members: string[], requested: string[] | undefined): string[] {
    if (!requested || requested.length === 0) return [];
    if (membership.kind !== 'group') throw messagingErrors.mentionsOnlyInGroups();
    const unique = [...new Set(requested)];
    if (unique.includes('all')) {
      // As in WeChat, only the owner and admins may mention everyone.
      if (membership.role === 'member') throw new AppError('not_group_admin', 'Only the owner and admins can mention everyone');
      return ['all'];
    }
    const memberSet = new Set(members);
    const unknown = unique.filter((userId) => !memberSet.has(userId));
    if (unknown.length > 0) throw new AppError('validation_failed', 'Mentioned users must be members', { unknown });
    return unique;
  }
}
