import type { Conversation, Member, MemberRole } from '@tessera/protocol';
import type { Clock, Ids } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { Executor, TimelineService, TimelineWriter } from '../sync';
import { conversationRepository, type ConversationRow, type MemberRow, type MembershipRow } from './conversation.repository';
import { memberView, type Auth, type ConversationService } from './conversation.service';
import { groupErrors } from './group.errors';
import type { MessageService } from './message.service';
import type { MessagingPolicies } from './messaging.policies';
import { messagingErrors } from './messaging.errors';

export interface GroupSettings {
  /** Most members a group may have, owner included. */
  memberLimit: number;
}

/**
 * Rules other modules own that groups apply, wired by the composition root as `MessagingPolicies`
 * is: an inviter may add only people they could message directly (mutual contacts, not blocked).
 */
export type GroupPolicies = Pick<MessagingPolicies, 'directRefusals'> & {
  /** Makes a new group avatar visible to everyone who sees the group, or throws when the actor may not use it. */
  publishAvatar(db: Executor, actorId: string, mediaId: string): Promise<void>;
};

/** A group as the acting member sees it, with everyone in it. */
export interface GroupView {
  conversation: Conversation;
  members: Member[];
}

export interface GroupChanges {
  name?: string | undefined;
  avatarMediaId?: string | null | undefined;
  announcement?: string | undefined;
}

/**
 * Group chats as WeChat runs them: the owner and admins manage the group, any member may invite
 * their own contacts, newcomers see history only from their joining. Every change posts a system
 * notice where WeChat shows one and tells every member's devices how the group now looks.
 */
export class GroupService {
  constructor(
    private readonly timeline: TimelineService,
    private readonly conversations: ConversationService,
    private readonly messages: MessageService,
    private readonly policies: GroupPolicies,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly settings: GroupSettings,
  ) {}

  /** Creates a group owned by the creator with the given contacts in it. */
  async create(auth: Auth, request: { name?: string | undefined; memberIds: string[] }): Promise<GroupView> {
    const invitees = [...new Set(request.memberIds)].filter((userId) => userId !== auth.userId);
    if (invitees.length === 0) throw groupErrors.noOtherMembers();
    if (invitees.length + 1 > this.settings.memberLimit) throw groupErrors.full(this.settings.memberLimit);
    return this.timeline.write(async (writer) => {
      const db = writer.db;
      await this.checkInvites(db, auth.userId, invitees);
      const now = this.clock.now();
      const row: ConversationRow = {
        id: this.ids.next(),
        kind: 'group',
        unique_key: null,
        name: request.name ?? '',
        avatar_media_id: null,
        announcement: '',
        owner_id: auth.userId,
        last_seq: 0,
        member_count: invitees.length + 1,
        created_at: now,
        updated_at: now,
      };
      await conversationRepository.insert(db, row);
      await conversationRepository.insertMembers(db, [
        memberRow(row.id, auth.userId, 'owner', 0, now),
        ...invitees.map((userId) => memberRow(row.id, userId, 'member', 0, now)),
      ]);
      await this.messages.postSystem(writer, row.id, {
        notice: 'group_created',
        actorId: auth.userId,
        targetIds: invitees,
        ...(request.name ? { name: request.name } : {}),
      });
      await this.announce(writer, row.id, true);
      return this.viewOf(db, auth.userId, row.id);
    });
  }

  /** Renames the group, changes its avatar or announcement: the owner and admins only. */
  async update(auth: Auth, conversationId: string, changes: GroupChanges): Promise<GroupView> {
    return this.timeline.write(async (writer) => {
      const db = writer.db;
      const actor = await this.lockGroup(db, conversationId, auth.userId);
      if (actor.role === 'member') throw groupErrors.notAdmin();
      const row: Partial<Omit<ConversationRow, 'id'>> = {};
      if (changes.name !== undefined && changes.name !== actor.name) row.name = changes.name;
      if (changes.avatarMediaId !== undefined && changes.avatarMediaId !== actor.avatar_media_id) {
        if (changes.avatarMediaId) await this.policies.publishAvatar(db, auth.userId, changes.avatarMediaId);
        row.avatar_media_id = changes.avatarMediaId;
      }
      if (changes.announcement !== undefined && changes.announcement !== actor.announcement) row.announcement = changes.announcement;
      if (Object.keys(row).length === 0) return this.viewOf(db, auth.userId, conversationId);
      await conversationRepository.update(db, conversationId, { ...row, updated_at: this.clock.now() });
      if (row.name !== undefined) {
        await this.messages.postSystem(writer, conversationId, { notice: 'group_renamed', actorId: auth.userId, name: row.name });
      }
      if (row.announcement !== undefined) {
        await this.messages.postSystem(writer, conversationId, {
          notice: 'announcement_changed',
          actorId: auth.userId,
          text: row.announcement,
        });
      }
      await this.announce(writer, conversationId, false);
      return this.viewOf(db, auth.userId, conversationId);
    });
  }

  /**
   * Adds the inviter's contacts to the group; those already in it are skipped. All join or none:
   * the member limit is checked under the group's lock, so concurrent invites cannot pass it.
   */
  async addMembers(auth: Auth, conversationId: string, userIds: string[]): Promise<GroupView> {
    return this.timeline.write(async (writer) => {
      const db = writer.db;
      const actor = await this.lockGroup(db, conversationId, auth.userId);
      const current = new Set(await conversationRepository.memberIds(db, conversationId));
      const joining = [...new Set(userIds)].filter((userId) => !current.has(userId));
      if (joining.length === 0) return this.viewOf(db, auth.userId, conversationId);
      const count = current.size + joining.length;
      if (count > this.settings.memberLimit) throw groupErrors.full(this.settings.memberLimit);
      await this.checkInvites(db, auth.userId, joining);
      const now = this.clock.now();
      // Newcomers see history from here on, starting with the notice of their joining.
      await conversationRepository.insertMembers(
        db,
        joining.map((userId) => memberRow(conversationId, userId, 'member', actor.last_seq, now)),
      );
      await conversationRepository.update(db, conversationId, { member_count: count });
      await this.messages.postSystem(writer, conversationId, { notice: 'member_joined', actorId: auth.userId, targetIds: joining });
      await this.announce(writer, conversationId, true);
      return this.viewOf(db, auth.userId, conversationId);
    });
  }

  /** Removes a member: the owner removes anyone, admins remove plain members. */
  async removeMember(auth: Auth, conversationId: string, userId: string): Promise<GroupView> {
    if (userId === auth.userId) throw groupErrors.notSelf('remove');
    return this.timeline.write(async (writer) => {
      const db = writer.db;
      const actor = await this.lockGroup(db, conversationId, auth.userId);
      if (actor.role === 'member') throw groupErrors.notAdmin();
      const target = await conversationRepository.findMember(db, conversationId, userId);
      if (!target) throw groupErrors.targetNotMember(userId);
      if (actor.role !== 'owner' && target.role !== 'member') throw groupErrors.notOwner();
      await this.dropMember(writer, conversationId, userId);
      await this.messages.postSystem(writer, conversationId, { notice: 'member_removed', actorId: auth.userId, targetIds: [userId] });
      await this.announce(writer, conversationId, true);
      return this.viewOf(db, auth.userId, conversationId);
    });
  }

  /** Leaves the group; the owner must hand ownership over first. */
  async leave(auth: Auth, conversationId: string): Promise<void> {
    await this.timeline.write(async (writer) => {
      const actor = await this.lockGroup(writer.db, conversationId, auth.userId);
      if (actor.role === 'owner') throw groupErrors.ownerCannotLeave();
      await this.dropMember(writer, conversationId, auth.userId);
      await this.messages.postSystem(writer, conversationId, { notice: 'member_left', actorId: auth.userId });
      await this.announce(writer, conversationId, true);
    });
  }

  /** Hands ownership to another member; the former owner becomes a plain member. */
  async transfer(auth: Auth, conversationId: string, toUserId: string): Promise<GroupView> {
    if (toUserId === auth.userId) throw groupErrors.notSelf('transfer ownership to');
    return this.timeline.write(async (writer) => {
      const db = writer.db;
      const actor = await this.lockGroup(db, conversationId, auth.userId);
      if (actor.role !== 'owner') throw groupErrors.notOwner();
      if (!(await conversationRepository.findMember(db, conversationId, toUserId))) throw groupErrors.targetNotMember(toUserId);
      const now = this.clock.now();
      await conversationRepository.updateMember(db, conversationId, auth.userId, { role: 'member', updated_at: now });
      await conversationRepository.updateMember(db, conversationId, toUserId, { role: 'owner', updated_at: now });
      await conversationRepository.update(db, conversationId, { owner_id: toUserId });
      await this.messages.postSystem(writer, conversationId, { notice: 'owner_transferred', actorId: auth.userId, targetIds: [toUserId] });
      await this.announce(writer, conversationId, true);
      return this.viewOf(db, auth.userId, conversationId);
    });
  }

  /** Makes a member an admin or a plain member again: the owner only. */
  async setAdmin(auth: Auth, conversationId: string, userId: string, admin: boolean): Promise<GroupView> {
    return this.timeline.write(async (writer) => {
      const db = writer.db;
      const actor = await this.lockGroup(db, conversationId, auth.userId);
      if (actor.role !== 'owner') throw groupErrors.notOwner();
      const target = await conversationRepository.findMember(db, conversationId, userId);
      if (!target) throw groupErrors.targetNotMember(userId);
      if (target.role === 'owner') throw groupErrors.ownerRole();
      const role = admin ? 'admin' : 'member';
      if (target.role !== role) {
        await conversationRepository.updateMember(db, conversationId, userId, { role, updated_at: this.clock.now() });
        await this.announce(writer, conversationId, true);
      }
      return this.viewOf(db, auth.userId, conversationId);
    });
  }

  /**
   * Takes the group's row lock, then reads the actor's membership. Rewriting the kind, which never
   * changes, locks the row in PostgreSQL without altering it: changes to one group (and sends into
   * it, which reserve seqs on the same row) then run one after another, and every later read in
   * the transaction sees what earlier ones committed. SQLite runs one write transaction at a time.
   */
  private async lockGroup(db: Executor, conversationId: string, actorId: string): Promise<MembershipRow> {
    const group = await conversationRepository.findById(db, conversationId);
    if (!group || group.kind !== 'group') throw messagingErrors.conversationNotFound();
    await conversationRepository.update(db, conversationId, { kind: 'group' });
    return this.conversations.requireMembership(db, actorId, conversationId);
  }

  private async checkInvites(db: Executor, inviterId: string, inviteeIds: string[]): Promise<void> {
    const refusals = await this.policies.directRefusals(
      db,
      inviteeIds.map((peerId) => ({ senderId: inviterId, peerId })),
    );
    for (const inviteeId of inviteeIds) {
      const refusal = refusals.get(`${inviterId} ${inviteeId}`);
      if (!refusal) continue;
      const message = refusal.code === 'not_contacts' ? 'You can add only your contacts to a group' : refusal.message;
      throw new AppError(refusal.code, message, { userId: inviteeId });
    }
  }

  /** Takes the user out; all their devices drop the chat. */
  private async dropMember(writer: TimelineWriter, conversationId: string, userId: string): Promise<void> {
    await conversationRepository.deleteMember(writer.db, conversationId, userId);
    const remaining = await conversationRepository.memberIds(writer.db, conversationId);
    await conversationRepository.update(writer.db, conversationId, { member_count: remaining.length });
    writer.add(userId, { kind: 'conversation.removed', conversationId });
  }

  /** Tells every member's devices how the group now looks to them, with the member list when it changed. */
  private async announce(writer: TimelineWriter, conversationId: string, membersChanged: boolean): Promise<void> {
    const rows = await conversationRepository.listMembers(writer.db, conversationId);
    const members = rows.map(memberView);
    const views = await this.conversations.viewsForMembers(writer.db, conversationId);
    for (const row of rows) {
      const conversation = views.get(row.user_id);
      if (!conversation) continue;
      writer.add(
        row.user_id,
        membersChanged ? { kind: 'conversation.updated', conversation, members } : { kind: 'conversation.updated', conversation },
      );
    }
  }

  private async viewOf(db: Executor, userId: string, conversationId: string): Promise<GroupView> {
    const conversation = await this.conversations.viewFor(db, userId, conversationId);
    if (!conversation) throw messagingErrors.notMember();
    const members = await conversationRepository.listMembers(db, conversationId);
    return { conversation, members: members.map(memberView) };
  }
}

function memberRow(conversationId: string, userId: string, role: MemberRole, fromSeq: number, now: number): MemberRow {
  return {
    conversation_id: conversationId,
    user_id: userId,
    role,
    pinned: 0,
    muted: 0,
    read_seq: fromSeq,
    from_seq: fromSeq,
    joined_at: now,
    updated_at: now,
  };
}
