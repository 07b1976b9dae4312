import { sql } from 'kysely';
import type { MediaTable } from '../../platform/db/tables';
import type { Executor } from '../sync';

export type MediaRow = MediaTable;

/** Holders in media_refs: who may read a blob. */
export const holders = {
  user: (userId: string) => `user:${userId}`,
  conversation: (conversationId: string) => `conversation:${conversationId}`,
  public: 'public',
};

/** SQL for media and media_refs, portable across SQLite and PostgreSQL. */
export const mediaRepository = {
  async find(db: Executor, id: string): Promise<MediaRow | undefined> {
    return db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Inserts the row unless the same bytes were stored before (ids are content hashes). */
  async insert(db: Executor, row: MediaRow): Promise<void> {
    await db.insertInto('media').values(row).onConflict((conflict) => conflict.column('id').doNothing()).execute();
  },

  async addHolder(db: Executor, mediaId: string, holder: string, now: number): Promise<void> {
    await db
      .insertInto('media_refs')
      .values({ media_id: mediaId, holder, created_at: now })
      .onConflict((conflict) => conflict.columns(['media_id', 'holder']).doNothing())
      .execute();
  },

  /** Whether the user holds the media, it is public, or a conversation the user belongs to references it. */
  async isReadable(db: Executor, mediaId: string, userId: string): Promise<boolean> {
    const direct = await db
      .selectFrom('media_refs')
      .select('holder')
      .where('media_id', '=', mediaId)
      .where('holder', 'in', [holders.public, holders.user(userId)])
      .limit(1)
      .executeTakeFirst();
    if (direct) return true;
    // substr(holder, 14) strips "conversation:" so the members primary key does the lookup.
    const shared = await sql<{ found: number }>`
      select 1 as found from media_refs r
      join members m on m.conversation_id = substr(r.holder, 14) and m.user_id = ${userId}
      where r.media_id = ${mediaId} and r.holder like 'conversation:%'
      limit 1`.execute(db);
    return shared.rows.length > 0;
  },
};
