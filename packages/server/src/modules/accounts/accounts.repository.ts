import type { Selectable } from 'kysely';
import type { Database } from '../../platform/db/database';
import type { SessionsTable, UsersTable } from '../../platform/db/tables';
import type { Executor } from '../sync';

export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;

/** Users and their device sessions. */
export class AccountsRepository {
  constructor(private readonly db: Database) {}

  async insertUser(row: UserRow, db: Executor = this.db): Promise<void> {
    await db.insertInto('users').values(row).execute();
  }

  /** Runs `work` in one transaction. */
  inTransaction<T>(work: (db: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  findById(id: string, db: Executor = this.db): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByIds(ids: string[], db: Executor = this.db): Promise<UserRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('users').selectAll().where('id', 'in', ids).execute();
  }

  findByHandle(handle: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('handle_lower', '=', handle.toLowerCase()).executeTakeFirst();
  }

  findByPhone(phone: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('phone', '=', phone).executeTakeFirst();
  }

  /**
   * Takes the users' row locks until the transaction ends, one row at a time in id order so two
   * callers locking the same users cannot deadlock. Returns how many of the users exist.
   */
  async lockUsers(ids: string[], db: Executor): Promise<number> {
    let found = 0;
    for (const id of [...new Set(ids)].sort()) {
      // A self-assignment: the portable way to lock a row on both SQLite and PostgreSQL.
      const result = await db
        .updateTable('users')
        .set((eb) => ({ updated_at: eb.ref('updated_at') }))
        .where('id', '=', id)
        .executeTakeFirst();
      found += Number(result.numUpdatedRows);
    }
    return found;
  }

  async updateUser(id: string, changes: Partial<Omit<UserRow, 'id'>>, db: Executor = this.db): Promise<void> {
    await db.updateTable('users').set(changes).where('id', '=', id).execute();
  }

  /**
   * Counts a failed sign-in in one statement, so concurrent failures all count; a lock that has
   * run out starts the count afresh. Returns the count after this failure.
   */
  async recordFailedLogin(id: string, now: number): Promise<number> {
    const row = await this.db
      .updateTable('users')
      .set((eb) => {
        const lockExpired = eb.and([eb('locked_until', 'is not', null), eb('locked_until', '<=', now)]);
        return {
          failed_logins: eb.case().when(lockExpired).then(1).else(eb('failed_logins', '+', 1)).end(),
          locked_until: eb.case().when(lockExpired).then(null).else(eb.ref('locked_until')).end(),
          updated_at: now,
        };
      })
      .where('id', '=', id)
      .returning('failed_logins')
      .executeTakeFirstOrThrow();
    return row.failed_logins;
  }

  /** Locks sign-in until `lockedUntil` and starts the failure count again. */
  async lock(id: string, lockedUntil: number): Promise<void> {
    await this.db.updateTable('users').set({ locked_until: lockedUntil, failed_logins: 0 }).where('id', '=', id).execute();
  }

  async insertSession(row: SessionRow): Promise<void> {
    await this.db.insertInto('sessions').values(row).execute();
  }

  findSessionByTokenHash(tokenHash: string): Promise<SessionRow | undefined> {
    return this.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  listActiveSessions(userId: string, now: number): Promise<SessionRow[]> {
    return this.db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('last_seen_at', 'desc')
      .execute();
  }

  async touchSession(id: string, now: number): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  }

  async renameSession(userId: string, id: string, deviceName: string): Promise<boolean> {
    const result = await this.db
      .updateTable('sessions')
      .set({ device_name: deviceName })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Revokes the user's sessions (all, or all but `keep`); returns the ids it revoked. */
  async revokeSessions(userId: string, now: number, only?: string, keep?: string): Promise<string[]> {
    let query = this.db
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (only !== undefined) query = query.where('id', '=', only);
    if (keep !== undefined) query = query.where('id', '!=', keep);
    const rows = await query.returning('id').execute();
    return rows.map((row) => row.id);
  }
}
