import { chunks } from '../../platform/db/batch-sql';
import type { MentionsTable } from '../../platform/db/tables';
import type { Executor, MessageRow } from '../sync';

/** Messages and their mentions. */
export const messageRepository = {
  async insert(db: Executor, row: MessageRow): Promise<void> {
    await db.insertInto('messages').values(row).execute();
  },

  async insertMany(db: Executor, rows: MessageRow[]): Promise<void> {
    for (const chunk of chunks(rows, 11)) await db.insertInto('messages').values(chunk).execute();
  },

  async insertMentionRows(db: Executor, rows: MentionsTable[]): Promise<void> {
    for (const chunk of chunks(rows, 3)) await db.insertInto('mentions').values(chunk).execute();
  },

  /** Messages already sent under these (sender, clientMsgId) pairs, keyed "sender clientMsgId". */
  async findByClientIds(db: Executor, pairs: { senderId: string; clientMsgId: string }[]): Promise<Map<string, MessageRow>> {
    if (pairs.length === 0) return new Map();
    // A row-value IN probes the (sender_id, client_msg_id) index once per pair; two separate IN
    // lists would probe their cross product.
    const rows = await db
      .selectFrom('messages')
      .selectAll()
      .where((eb) =>
        eb(
          eb.refTuple('sender_id', 'client_msg_id'),
          'in',
          pairs.map((pair) => eb.tuple(pair.senderId, pair.clientMsgId)),
        ),
      )
      .execute();
    return new Map(rows.map((row) => [`${row.sender_id} ${row.client_msg_id}`, row]));
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

  /** Messages after `seq` that quote something: where replies to a just-recalled message can be. */
  quotingAfter(db: Executor, conversationId: string, seq: number): Promise<Pick<MessageRow, 'seq' | 'quote'>[]> {
    return db
      .selectFrom('messages')
      .select(['seq', 'quote'])
      .where('conversation_id', '=', conversationId)
      .where('seq', '>', seq)
      .where('quote', 'is not', null)
      .execute();
  },

  async setQuote(db: Executor, conversationId: string, seq: number, quote: string): Promise<void> {
    await db.updateTable('messages').set({ quote }).where('conversation_id', '=', conversationId).where('seq', '=', seq).execute();
  },
};
