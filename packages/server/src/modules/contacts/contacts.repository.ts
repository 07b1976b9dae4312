import type { Selectable } from 'kysely';
import type { ContactsTable, FriendRequestsTable } from '../../platform/db/tables';
import type { Executor } from '../sync';

export type ContactRow = Selectable<ContactsTable>;
export type FriendRequestRow = Selectable<FriendRequestsTable>;

/** Contacts (one row per direction), blocks and friend requests. */
export const contactsRepository = {
  findContact(db: Executor, ownerId: string, contactId: string): Promise<ContactRow | undefined> {
    return db.selectFrom('contacts').selectAll().where('owner_id', '=', ownerId).where('contact_id', '=', contactId).executeTakeFirst();
  },

  listContacts(db: Executor, ownerId: string): Promise<ContactRow[]> {
    return db.selectFrom('contacts').selectAll().where('owner_id', '=', ownerId).orderBy('created_at').execute();
  },

  /** Every contact row that holds `userId`, one per user who has them as a contact. */
  holdersOf(db: Executor, userId: string): Promise<ContactRow[]> {
    return db.selectFrom('contacts').selectAll().where('contact_id', '=', userId).execute();
  },

  async insertContact(db: Executor, row: ContactRow): Promise<void> {
    await db.insertInto('contacts').values(row).onConflict((conflict) => conflict.columns(['owner_id', 'contact_id']).doNothing()).execute();
  },

  async updateRemark(db: Executor, ownerId: string, contactId: string, remark: string): Promise<void> {
    await db.updateTable('contacts').set({ remark }).where('owner_id', '=', ownerId).where('contact_id', '=', contactId).execute();
  },

  async deleteContact(db: Executor, ownerId: string, contactId: string): Promise<boolean> {
    const result = await db.deleteFrom('contacts').where('owner_id', '=', ownerId).where('contact_id', '=', contactId).executeTakeFirst();
    return result.numDeletedRows > 0n;
  },

  /** Existing "owner contact" pairs among the given users. */
  async contactPairs(db: Executor, owners: string[], contacts: string[]): Promise<Set<string>> {
    if (owners.length === 0 || contacts.length === 0) return new Set();
    const rows = await db
      .selectFrom('contacts')
      .select(['owner_id', 'contact_id'])
      .where('owner_id', 'in', owners)
      .where('contact_id', 'in', contacts)
      .execute();
    return new Set(rows.map((row) => `${row.owner_id} ${row.contact_id}`));
  },

  /** Existing "owner blocked" pairs among the given users. */
  async blockPairs(db: Executor, owners: string[], blocked: string[]): Promise<Set<string>> {
    if (owners.length === 0 || blocked.length === 0) return new Set();
    const rows = await db
      .selectFrom('blocks')
      .select(['owner_id', 'blocked_id'])
      .where('owner_id', 'in', owners)
      .where('blocked_id', 'in', blocked)
      .execute();
    return new Set(rows.map((row) => `${row.owner_id} ${row.blocked_id}`));
  },

  async isBlocked(db: Executor, ownerId: string, blockedId: string): Promise<boolean> {
    const row = await db.selectFrom('blocks').select('owner_id').where('owner_id', '=', ownerId).where('blocked_id', '=', blockedId).executeTakeFirst();
    return row !== undefined;
  },

  async blockedBy(db: Executor, ownerId: string): Promise<string[]> {
    const rows = await db.selectFrom('blocks').select('blocked_id').where('owner_id', '=', ownerId).execute();
    return rows.map((row) => row.blocked_id);
  },

  /** Users who have blocked `userId`. */
  async blockersOf(db: Executor, userId: string): Promise<string[]> {
    const rows = await db.selectFrom('blocks').select('owner_id').where('blocked_id', '=', userId).execute();
    return rows.map((row) => row.owner_id);
  },

  async insertBlock(db: Executor, ownerId: string, blockedId: string, now: number): Promise<void> {
    await db
      .insertInto('blocks')
      .values({ owner_id: ownerId, blocked_id: blockedId, created_at: now })
      .onConflict((conflict) => conflict.columns(['owner_id', 'blocked_id']).doNothing())
      .execute();
  },

  async deleteBlock(db: Executor, ownerId: string, blockedId: string): Promise<void> {
    await db.deleteFrom('blocks').where('owner_id', '=', ownerId).where('blocked_id', '=', blockedId).execute();
  },

  async insertRequest(db: Executor, row: FriendRequestRow): Promise<void> {
    await db.insertInto('friend_requests').values(row).execute();
  },

  findRequest(db: Executor, id: string): Promise<FriendRequestRow | undefined> {
    return db.selectFrom('friend_requests').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findPendingBetween(db: Executor, fromUserId: string, toUserId: string): Promise<FriendRequestRow | undefined> {
    return db
      .selectFrom('friend_requests')
      .selectAll()
      .where('from_user_id', '=', fromUserId)
      .where('to_user_id', '=', toUserId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
  },

  /** Requests to or from the user, newest first. */
  listRequests(db: Executor, userId: string, limit: number): Promise<FriendRequestRow[]> {
    return db
      .selectFrom('friend_requests')
      .selectAll()
      .where((eb) => eb.or([eb('to_user_id', '=', userId), eb('from_user_id', '=', userId)]))
      .orderBy('updated_at', 'desc')
      .limit(limit)
      .execute();
  },

  async updateRequest(db: Executor, id: string, status: FriendRequestRow['status'], greeting: string | undefined, now: number): Promise<boolean> {
    const result = await db
      .updateTable('friend_requests')
      .set({ status, updated_at: now, ...(greeting === undefined ? {} : { greeting }) })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },
};
