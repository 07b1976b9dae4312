import type { Selectable } from 'kysely';
import { addPerRow } from '../../platform/db/batch-sql';
import type { ConversationsTable, MembersTable } from '../../platform/db/tables';
import type { Executor } from '../sync';

export type ConversationRow = Selectable<ConversationsTable>;
export type MemberRow = Selectable<MembersTable>;

/** A member's view of a conversation: the shared row joined with the member's own row. */
export type MembershipRow = ConversationRow & {
  user_id: string;
  role: MemberRow['role'];
  pinned: number;
  muted: number;
  read_seq: number;
  from_seq: number;
};

/** Conversations and their members. */
export const conversationRepository = {
  async insert(db: Executor, row: ConversationRow): Promise<void> {
    await db.insertInto('conversations').values(row).execute();
  },

  findById(db: Executor, id: string): Promise<ConversationRow | undefined> {
    return db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findByUniqueKey(db: Executor, key: string): Promise<ConversationRow | undefined> {
    return db.selectFrom('conversations').selectAll().where('unique_key', '=', key).executeTakeFirst();
  },

  async update(db: Executor, id: string, changes: Partial<Omit<ConversationRow, 'id'>>): Promise<void> {
    await db.updateTable('conversations').set(changes).where('id', '=', id).execute();
  },

  /** Takes the next `count` message seqs of a conversation; returns the last one. */
  async reserveSeqs(db: Executor, id: string, count: number, now: number): Promise<number> {
    const row = await db
      .updateTable('conversations')
      .set((eb) => ({ last_seq: eb('last_seq', '+', count), updated_at: now }))
      .where('id', '=', id)
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    return row.last_seq;
  },

  /** Takes the next message seqs of several conversations in one statement; returns each last seq. */
  async reserveSeqsMany(db: Executor, counts: Map<string, number>, now: number): Promise<Map<string, number>> {
    if (counts.size === 0) return new Map();
    const rows = await db
      .updateTable('conversations')
      .set({ last_seq: addPerRow('last_seq', 'id', counts), updated_at: now })
      .where('id', 'in', [...counts.keys()])
      .returning(['id', 'last_seq'])
      .execute();
    return new Map(rows.map((row) => [row.id, row.last_seq]));
  },

  async insertMembers(db: Executor, rows: MemberRow[]): Promise<void> {
    if (rows.length > 0) await db.insertInto('members').values(rows).execute();
  },

  async deleteMember(db: Executor, conversationId: string, userId: string): Promise<void> {
    await db.deleteFrom('members').where('conversation_id', '=', conversationId).where('user_id', '=', userId).execute();
  },

  async updateMember(db: Executor, conversationId: string, userId: string, changes: Partial<MemberRow>): Promise<void> {
    await db
      .updateTable('members')
      .set(changes)
      .where('conversation_id', '=', conversationId)
      .where('user_id', '=', userId)
      .execute();
  },

  /** Moves the read marker forward only; returns whether it moved. */
  async advanceRead(db: Executor, conversationId: string, userId: string, seq: number, now: number): Promise<boolean> {
    const result = await db
      .updateTable('members')
      .set({ read_seq: seq, updated_at: now })
      .where('conversation_id', '=', conversationId)
      .where('user_id', '=', userId)
      .where('read_seq', '<', seq)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },

  findMember(db: Executor, conversationId: string, userId: string): Promise<MemberRow | undefined> {
    return db
      .selectFrom('members')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
  },

  listMembers(db: Executor, conversationId: string): Promise<MemberRow[]> {
    return db.selectFrom('members').selectAll().where('conversation_id', '=', conversationId).orderBy('joined_at').execute();
  },

  async memberIds(db: Executor, conversationId: string): Promise<string[]> {
    const rows = await db.selectFrom('members').select('user_id').where('conversation_id', '=', conversationId).execute();
    return rows.map((row) => row.user_id);
  },

  /** Member ids of several conversations at once. */
  async memberIdsMany(db: Executor, conversationIds: string[]): Promise<Map<string, string[]>> {
    const members = new Map<string, string[]>(conversationIds.map((id) => [id, []]));
    if (conversationIds.length === 0) return members;
    const rows = await db
      .selectFrom('members')
      .select(['conversation_id', 'user_id'])
      .where('conversation_id', 'in', conversationIds)
      .execute();
    for (const row of rows) members.get(row.conversation_id)?.push(row.user_id);
    return members;
  },

  /** Memberships for (conversation, user) pairs, keyed "conversation user". */
  async findMemberships(db: Executor, pairs: { conversationId: string; userId: string }[]): Promise<Map<string, MembershipRow>> {
    if (pairs.length === 0) return new Map();
    const rows = await membershipQuery(db)
      .where('c.id', 'in', [...new Set(pairs.map((pair) => pair.conversationId))])
      .where('m.user_id', 'in', [...new Set(pairs.map((pair) => pair.userId))])
      .execute();
    return new Map(rows.map((row) => [`${row.id} ${row.user_id}`, row]));
  },

  findMembership(db: Executor, conversationId: string, userId: string): Promise<MembershipRow | undefined> {
    return membershipQuery(db).where('c.id', '=', conversationId).where('m.user_id', '=', userId).executeTakeFirst();
  },

  listMemberships(db: Executor, userId: string): Promise<MembershipRow[]> {
    return membershipQuery(db).where('m.user_id', '=', userId).orderBy('c.updated_at', 'desc').execute();
  },

  /** Every member's view row of one conversation. */
  listMembershipsOf(db: Executor, conversationId: string): Promise<MembershipRow[]> {
    return membershipQuery(db).where('c.id', '=', conversationId).execute();
  },

  /** Unread count of each member of one conversation, for members with any. */
  async unreadByMember(db: Executor, conversationId: string): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('messages as msg')
      .innerJoin('members as m', 'm.conversation_id', 'msg.conversation_id')
      .select(['m.user_id', (eb) => eb.fn.countAll<number>().as('unread')])
      .where('msg.conversation_id', '=', conversationId)
      .whereRef('msg.seq', '>', 'm.read_seq')
      .whereRef('msg.seq', '>', 'm.from_seq')
      .whereRef('msg.sender_id', '!=', 'm.user_id')
      .where('msg.recalled_at', 'is', null)
      .groupBy('m.user_id')
      .execute();
    return new Map(rows.map((row) => [row.user_id, Number(row.unread)]));
  },

  /** First unread seq mentioning each member of one conversation, for members with any. */
  async mentionSeqByMember(db: Executor, conversationId: string): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('mentions as x')
      .innerJoin('members as m', 'm.conversation_id', 'x.conversation_id')
      .innerJoin('messages as msg', (join) => join.onRef('msg.conversation_id', '=', 'x.conversation_id').onRef('msg.seq', '=', 'x.seq'))
      .select(['m.user_id', (eb) => eb.fn.min<number>('x.seq').as('seq')])
      .where('x.conversation_id', '=', conversationId)
      .where((eb) => eb.or([eb('x.user_id', '=', eb.ref('m.user_id')), eb('x.user_id', '=', '*')]))
      // Mentioning everyone does not mention the sender.
      .whereRef('msg.sender_id', '!=', 'm.user_id')
      .whereRef('x.seq', '>', 'm.read_seq')
      .groupBy('m.user_id')
      .execute();
    return new Map(rows.map((row) => [row.user_id, Number(row.seq)]));
  },

  /** In direct conversations, the other participant's read marker, per conversation. */
  async peerReadSeqs(db: Executor, userId: string, conversationIds: string[]): Promise<Map<string, number>> {
    if (conversationIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('members as m')
      .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .select(['m.conversation_id', 'm.read_seq'])
      .where('m.conversation_id', 'in', conversationIds)
      .where('c.kind', '=', 'direct')
      .where('m.user_id', '!=', userId)
      .execute();
    return new Map(rows.map((row) => [row.conversation_id, row.read_seq]));
  },

  /** Unread messages (not the user's own, not recalled) after the read marker, per conversation. */
  async unreadCounts(db: Executor, userId: string, conversationIds: string[]): Promise<Map<string, number>> {
    if (conversationIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('messages as msg')
      .innerJoin('members as m', (join) =>
        join.onRef('m.conversation_id', '=', 'msg.conversation_id').on('m.user_id', '=', userId),
      )
      .select(['msg.conversation_id', (eb) => eb.fn.countAll<number>().as('unread')])
      .where('msg.conversation_id', 'in', conversationIds)
      .whereRef('msg.seq', '>', 'm.read_seq')
      .whereRef('msg.seq', '>', 'm.from_seq')
      .where('msg.sender_id', '!=', userId)
      .where('msg.recalled_at', 'is', null)
      .groupBy('msg.conversation_id')
      .execute();
    return new Map(rows.map((row) => [row.conversation_id, Number(row.unread)]));
  },

  /** The first unread seq that mentions the user (or everyone), per conversation. */
  async mentionSeqs(db: Executor, userId: string, conversationIds: string[]): Promise<Map<string, number>> {
    if (conversationIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('mentions as x')
      .innerJoin('members as m', (join) => join.onRef('m.conversation_id', '=', 'x.conversation_id').on('m.user_id', '=', userId))
      .innerJoin('messages as msg', (join) => join.onRef('msg.conversation_id', '=', 'x.conversation_id').onRef('msg.seq', '=', 'x.seq'))
      .select(['x.conversation_id', (eb) => eb.fn.min<number>('x.seq').as('seq')])
      .where('x.conversation_id', 'in', conversationIds)
      .where('x.user_id', 'in', [userId, '*'])
      // Mentioning everyone does not mention the sender.
      .where('msg.sender_id', '!=', userId)
      .whereRef('x.seq', '>', 'm.read_seq')
      .groupBy('x.conversation_id')
      .execute();
    return new Map(rows.map((row) => [row.conversation_id, Number(row.seq)]));
  },
};

function membershipQuery(db: Executor) {
  return db
    .selectFrom('conversations as c')
    .innerJoin('members as m', 'm.conversation_id', 'c.id')
    .selectAll('c')
    .select(['m.user_id', 'm.role', 'm.pinned', 'm.muted', 'm.read_seq', 'm.from_seq']);
}
