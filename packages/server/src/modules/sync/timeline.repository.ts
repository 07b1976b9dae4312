import type { Message, TimelineEvent, TimelinePayload } from '@tessera/protocol';
import type { Kysely } from 'kysely';
import { addPerRowJoined, insertMany } from '../../platform/db/batch-sql';
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

/** Timeline rows: allocation of per-user seqs, append, and reads after a cursor. */
export const timelineRepository = {
  /** Reserves consecutive seqs for each user in one statement; returns each user's last one. */
  async reserveSeqs(db: Executor, counts: Map<string, number>): Promise<Map<string, number>> {
    if (counts.size === 0) return new Map();
    return addPerRowJoined(db, 'users', 'id', 'timeline_seq', counts);
  },

  async insert(db: Executor, rows: TimelineRow[]): Promise<void> {
    await insertMany(db, 'timeline', rows, {
      user_id: 'text',
      seq: 'bigint',
      kind: 'text',
      conversation_id: 'text',
      message_seq: 'bigint',
      payload: 'text',
      created_at: 'bigint',
    });
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
