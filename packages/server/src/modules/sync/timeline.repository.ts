import type { Message, TimelineEvent, TimelinePayload } from '@tessera/protocol';
import type { Kysely } from 'kysely';
import type { Tables } from '../../platform/db/tables';
import { messageFromRow, type MessageRow } from './message-row';

export type Executor = Kysely<Tables>;

export interface TimelineRow {
  user_id: string;
  seq: number;
  kind: string;
  conversation_id: string | null;
  message_seq: number | null;
  payload: string | null;
  created_at: number;
}

// SQLite allows 32,766 bound parameters per statement; 7 columns a row keeps well under it.
const insertChunk = 500;

/** Timeline rows: allocation of per-user seqs, append, and reads after a cursor. */
export const timelineRepository = {
  /** Reserves `count` consecutive seqs for a user; returns the last one. */
  async reserveSeqs(db: Executor, userId: string, count: number): Promise<number | undefined> {
    const row = await db
      .updateTable('users')
      .set((eb) => ({ timeline_seq: eb('timeline_seq', '+', count) }))
      .where('id', '=', userId)
      .returning('timeline_seq')
      .executeTakeFirst();
    return row?.timeline_seq;
  },

  async insert(db: Executor, rows: TimelineRow[]): Promise<void> {
    for (let start = 0; start < rows.length; start += insertChunk) {
      await db.insertInto('timeline').values(rows.slice(start, start + insertChunk)).execute();
    }
  },

  async currentSeq(db: Executor, userId: string): Promise<number> {
    const row = await db.selectFrom('users').select('timeline_seq').where('id', '=', userId).executeTakeFirst();
    return row?.timeline_seq ?? 0;
  },

  /** Events after `afterSeq`, oldest first, with message events joined to their messages. */
  async readAfter(db: Executor, userId: string, afterSeq: number, limit: number): Promise<TimelineEvent[]> {
    const rows = await db
      .selectFrom('timeline as t')
      .leftJoin('messages as m', (join) =>
        join.onRef('m.conversation_id', '=', 't.conversation_id').onRef('m.seq', '=', 't.message_seq'),
      )
      .select([
        't.seq as t_seq',
        't.kind as t_kind',
        't.payload as t_payload',
        't.created_at as t_created_at',
        'm.id',
        'm.conversation_id',
        'm.seq',
        'm.sender_id',
        'm.client_msg_id',
        'm.kind',
        'm.body',
        'm.quote',
        'm.mentions',
        'm.sent_at',
        'm.recalled_at',
      ])
      .where('t.user_id', '=', userId)
      .where('t.seq', '>', afterSeq)
      .orderBy('t.seq')
      .limit(limit)
      .execute();
    return rows.map((row) => {
      const base = { seq: row.t_seq, at: new Date(row.t_created_at).toISOString() };
      if (row.t_kind === 'message.new' && row.id !== null) {
        const message: Message = messageFromRow(row as MessageRow);
        return { ...base, kind: 'message.new', message };
      }
      return { ...base, ...(JSON.parse(row.t_payload ?? '{}') as TimelinePayload) };
    });
  },
};
