import type { Conversation, Member } from '@tessera/protocol';
import type { Clock, Ids } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import type { Executor, TimelineService, TimelineWriter } from '../sync';
import { conversationRepository, type ConversationRow, type MembershipRow } from './conversation.repository';
import { conversationView, directKey, directPeer } from './conversation.view';
import { messagingErrors } from './messaging.errors';

export interface Auth {
  userId: string;
}

export function memberView(row: { user_id: string; role: Member['role']; joined_at: number }): Member {
  return { userId: row.user_id, role: row.role, joinedAt: new Date(row.joined_at).toISOString() };
}

/** Conversations as their members see them: lists, settings, read markers, direct and service chats. */
export class ConversationService {
  constructor(
    private readonly db: Database,
    private readonly timeline: TimelineService,
    private readonly clock: Clock,
    private readonly ids: Ids,
  ) {}

  async list(auth: Auth): Promise<Conversation[]> {
    const rows = await conversationRepository.listMemberships(this.db, auth.userId);
    const visible = rows.filter((row) => row.last_seq > row.from_seq || row.kind === 'group');
    return this.present(this.db, auth.userId, visible);
  }

  async get(auth: Auth, conversationId: string): Promise<{ conversation: Conversation; members: Member[] }> {
    const row = await this.requireMembership(this.db, auth.userId, conversationId);
    const [conversation] = await this.present(this.db, auth.userId, [row]);
    const members = await conversationRepository.listMembers(this.db, conversationId);
    return { conversation: conversation!, members: members.map(memberView) };
  }

  /** The user's view of a conversation, for a timeline event written in the same transaction. */
  async viewFor(db: Executor, userId: string, conversationId: string): Promise<Conversation | undefined> {
    const row = await conversationRepository.findMembership(db, conversationId, userId);
    if (!row) return undefined;
    const [conversation] = await this.present(db, userId, [row]);
    return conversation;
  }

  /** Every member's view of a conversation, in three queries whatever the group's size. */
  async viewsForMembers(db: Executor, conversationId: string): Promise<Map<string, Conversation>> {
    const [rows, unread, mentions] = await Promise.all([
      conversationRepository.listMembershipsOf(db, conversationId),
      conversationRepository.unreadByMember(db, conversationId),
      conversationRepository.mentionSeqByMember(db, conversationId),
    ]);
    const readSeqs = new Map(rows.map((row) => [row.user_id, row.read_seq]));
    return new Map(
      rows.map((row) => {
        const peerId = directPeer(row.unique_key, row.user_id);
        const peerRead = peerId ? (readSeqs.get(peerId) ?? 0) : null;
        return [
          row.user_id,
          conversationView(row, peerId, unread.get(row.user_id) ?? 0, mentions.get(row.user_id) ?? null, peerRead),
        ];
      }),
    );
  }

  async requireMembership(db: Executor, userId: string, conversationId: string): Promise<MembershipRow> {
    const row = await conversationRepository.findMembership(db, conversationId, userId);
    if (row) return row;
    const exists = await conversationRepository.findById(db, conversationId);
    throw exists ? messagingErrors.notMember() : messagingErrors.conversationNotFound();
  }

  async updateSettings(auth: Auth, conversationId: string, settings: { pinned?: boolean; muted?: boolean }): Promise<Conversation> {
    return this.timeline.write(async (writer) => {
      await this.requireMembership(writer.db, auth.userId, conversationId);
      const changes: { pinned?: number; muted?: number; updated_at: number } = { updated_at: this.clock.now() };
      if (settings.pinned !== undefined) changes.pinned = settings.pinned ? 1 : 0;
      if (settings.muted !== undefined) changes.muted = settings.muted ? 1 : 0;
      await conversationRepository.updateMember(writer.db, conversationId, auth.userId, changes);
      return this.announceTo(writer, auth.userId, conversationId);
    });
  }

  /** Moves the user's read marker; every device of the user learns of it through the timeline. */
  async markRead(auth: Auth, conversationId: string, seq: number): Promise<number> {
    return this.timeline.write(async (writer) => {
      const row = await this.requireMembership(writer.db, auth.userId, conversationId);
      const target = Math.min(seq, row.last_seq);
      if (await conversationRepository.advanceRead(writer.db, conversationId, auth.userId, target, this.clock.now())) {
        writer.add(auth.userId, { kind: 'read.updated', conversationId, readSeq: target });
        // Direct chats show the sender how far the other person has read.
        const peerId = directPeer(row.unique_key, auth.userId);
        if (peerId) writer.add(peerId, { kind: 'peer_read.updated', conversationId, userId: auth.userId, readSeq: target });
        return target;
      }
      return Math.max(row.read_seq, row.from_seq);
    });
  }

  /** Hides a chat's history from the user, as WeChat's "delete chat" does; new messages bring it back. */
  async hide(auth: Auth, conversationId: string): Promise<void> {
    await this.timeline.write(async (writer) => {
      const row = await this.requireMembership(writer.db, auth.userId, conversationId);
      if (row.kind === 'group') {
        await conversationRepository.updateMember(writer.db, conversationId, auth.userId, { read_seq: row.last_seq, updated_at: this.clock.now() });
        writer.add(auth.userId, { kind: 'read.updated', conversationId, readSeq: row.last_seq });
        return;
      }
      await conversationRepository.updateMember(writer.db, conversationId, auth.userId, {
        from_seq: row.last_seq,
        read_seq: row.last_seq,
        updated_at: this.clock.now(),
      });
      writer.add(auth.userId, { kind: 'conversation.removed', conversationId });
      // Deleting a chat reads it: the other participant sees that as they would any read.
      const peerId = directPeer(row.unique_key, auth.userId);
      if (peerId && row.read_seq < row.last_seq) {
        writer.add(peerId, { kind: 'peer_read.updated', conversationId, userId: auth.userId, readSeq: row.last_seq });
      }
    });
  }

  /** The direct conversation of two users, created on first use. */
  async ensureDirect(writer: TimelineWriter, a: string, b: string): Promise<ConversationRow> {
    return this.ensureUnique(writer.db, directKey(a, b), 'direct', [a, b]);
  }

  /** The user's "service notifications" conversation, where platform features post. */
  async ensureService(db: Executor, userId: string): Promise<ConversationRow> {
    return this.ensureUnique(db, `service:${userId}`, 'service', [userId]);
  }

  /** Adds a `conversation.updated` event for the user, as they see it now. */
  async announceTo(writer: TimelineWriter, userId: string, conversationId: string): Promise<Conversation> {
    const view = await this.viewFor(writer.db, userId, conversationId);
    if (!view) throw messagingErrors.conversationNotFound();
    writer.add(userId, { kind: 'conversation.updated', conversation: view });
    return view;
  }

  private async ensureUnique(
    db: Executor,
    key: string,
    kind: 'direct' | 'service',
    userIds: string[],
  ): Promise<ConversationRow> {
    const existing = await conversationRepository.findByUniqueKey(db, key);
    if (existing) return existing;
    const now = this.clock.now();
    const row: ConversationRow = {
      id: this.ids.next(),
      kind,
      unique_key: key,
      name: kind === 'service' ? 'Service notifications' : '',
      avatar_media_id: null,
      announcement: '',
      owner_id: null,
      last_seq: 0,
      member_count: userIds.length,
      created_at: now,
      updated_at: now,
    };
    await conversationRepository.insert(db, row);
    await conversationRepository.insertMembers(
      db,
      userIds.map((userId) => ({
        conversation_id: row.id,
        user_id: userId,
        role: 'member' as const,
        pinned: 0,
        muted: 0,
        read_seq: 0,
        from_seq: 0,
        joined_at: now,
        updated_at: now,
      })),
    );
    return row;
  }

  private async present(db: Executor, userId: string, rows: MembershipRow[]): Promise<Conversation[]> {
    const ids = rows.map((row) => row.id);
    const [unread, mentions, peerReads] = await Promise.all([
      conversationRepository.unreadCounts(db, userId, ids),
      conversationRepository.mentionSeqs(db, userId, ids),
      conversationRepository.peerReadSeqs(db, userId, ids),
    ]);
    const views = rows.map((row) =>
      conversationView(
        row,
        directPeer(row.unique_key, userId),
        unread.get(row.id) ?? 0,
        mentions.get(row.id) ?? null,
        peerReads.get(row.id) ?? null,
      ),
    );
    // Pinned first, then most recent activity.
    return views.sort((x, y) => Number(y.pinned) - Number(x.pinned) || y.updatedAt.localeCompare(x.updatedAt));
  }
}
