import type { MessageRow } from '../sync';
import type { Executor } from '../sync';

/** Messages and their mentions. */
export const messageRepository = {
  async insert(db: Executor, row: MessageRow): Promise<void> {
    await db.insertInto('messages').values(row).execute();
  },

  async insertMentions(db: Executor, conversationId: string, seq: number, userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    await db
      .insertInto('mentions')
      .values(userIds.map((userId) => ({ conversation_id: conversationId, seq, user_id: userId })))
      .execute();
  },

  findByClientId(db: Executor, senderId: string, clientMsgId: string): Promise<MessageRow | undefined> {
    return db
      .selectFrom('messages')
      .selectAll()
      .where('sender_id', '=', senderId)
      .where('client_msg_id', '=', clientMsgId)
      .executeTakeFirst();
  },

  findBySeq(db: Executor, conversationId: string, seq: number): Promise<MessageRow | undefined> {
    return db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('seq', '=', seq)
      .executeTakeFirst();
  },

  /** Newest first, before `beforeSeq`, never at or below `fromSeq` (what the member may see). */
  page(db: Executor, conversationId: string, fromSeq: number, beforeSeq: number | undefined, limit: number): Promise<MessageRow[]> {
    let query = db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('seq', '>', fromSeq);
    if (beforeSeq !== undefined) query = query.where('seq', '<', beforeSeq);
    return query.orderBy('seq', 'desc').limit(limit).execute();
  },

  /** Marks a message recalled once; returns whether this call recalled it. */
  async markRecalled(db: Executor, conversationId: string, seq: number, now: number): Promise<boolean> {
    const result = await db
      .updateTable('messages')
      .set({ recalled_at: now })
      .where('conversation_id', '=', conversationId)
      .where('seq', '=', seq)
      .where('recalled_at', 'is', null)
      .executeTakeFirst();
    await db.deleteFrom('mentions').where('conversation_id', '=', conversationId).where('seq', '=', seq).execute();
    return result.numUpdatedRows > 0n;
  },
};
