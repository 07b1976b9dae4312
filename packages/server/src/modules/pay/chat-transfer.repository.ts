import type { Selectable } from 'kysely';
import type { PayChatTransfersTable } from '../../platform/db/tables';
import type { Executor } from './ledger.repository';

export type ChatTransferRow = Selectable<PayChatTransfersTable>;

/** Chat transfers: the card's state beside the hold that keeps the money. */
export const chatTransferRepository = {
  async insert(db: Executor, row: ChatTransferRow): Promise<void> {
    await db.insertInto('pay_chat_transfers').values(row).execute();
  },

  find(db: Executor, id: string): Promise<ChatTransferRow | undefined> {
    return db.selectFrom('pay_chat_transfers').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Ends a pending transfer; undefined if it was not pending any more (someone else ended it first). */
  settle(
    db: Executor,
    id: string,
    change: { status: 'accepted' | 'returned'; returnReason: 'declined' | 'expired' | null; settledAt: number },
  ): Promise<ChatTransferRow | undefined> {
    return db
      .updateTable('pay_chat_transfers')
      .set({ status: change.status, return_reason: change.returnReason, settled_at: change.settledAt })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
  },

  /** Pending transfers whose time is up, oldest first. */
  async due(db: Executor, now: number, limit: number): Promise<string[]> {
    const rows = await db
      .selectFrom('pay_chat_transfers')
      .select('id')
      .where('status', '=', 'pending')
      .where('expires_at', '<=', now)
      .orderBy('expires_at')
      .limit(limit)
      .execute();
    return rows.map((row) => row.id);
  },
};
