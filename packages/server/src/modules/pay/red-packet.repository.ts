import { sql, SqliteAdapter, type Selectable } from 'kysely';
import { insertMany, joinRows } from '../../platform/db/batch-sql';
import type { PayRedPacketClaimsTable, PayRedPacketsTable } from '../../platform/db/tables';
import type { Executor } from './ledger.repository';

export type RedPacketRow = Selectable<PayRedPacketsTable>;
export type ClaimRow = Selectable<PayRedPacketClaimsTable>;

/**
 * A column SQLite's planner must not pick an index for (`+column`): with a JSON list in FROM it would
 * otherwise scan every open hold by the (status, expires_at) index and search the list for each,
 * instead of looking each listed hold up by its key. PostgreSQL plans the join well as written.
 */
function unindexed(db: Executor, column: string) {
  return db.getExecutor().adapter instanceof SqliteAdapter ? sql`+${sql.ref(column)}` : sql.ref(column);
}


/** Red packets, their claims, and settling a batch of their share holds at once. */
export const redPacketRepository = {
  async insert(db: Executor, row: RedPacketRow): Promise<void> {
    await db.insertInto('pay_red_packets').values(row).execute();
  },

  find(db: Executor, id: string): Promise<RedPacketRow | undefined> {
    return db.selectFrom('pay_red_packets').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Reads the packet and holds its row until the transaction ends, so grabs of it queue. */
  lock(db: Executor, id: string): Promise<RedPacketRow | undefined> {
    return db.updateTable('pay_red_packets').set({ claimed_count: sql`claimed_count` }).where('id', '=', id).returningAll().executeTakeFirst();
  },

  update(db: Executor, id: string, changes: Partial<Pick<RedPacketRow, 'claimed_count' | 'claimed_amount' | 'status' | 'ended_at'>>): Promise<void> {
    return db.updateTable('pay_red_packets').set(changes).where('id', '=', id).execute().then(() => undefined);
  },

  claims(db: Executor, packetId: string): Promise<ClaimRow[]> {
    return db.selectFrom('pay_red_packet_claims').selectAll().where('packet_id', '=', packetId).orderBy('share').execute();
  },

  claimsOf(db: Executor, packetId: string, userIds: string[]): Promise<ClaimRow[]> {
    return db.selectFrom('pay_red_packet_claims').selectAll().where('packet_id', '=', packetId).where('user_id', 'in', userIds).execute();
  },

  async insertClaims(db: Executor, rows: ClaimRow[]): Promise<void> {
    await insertMany(db, 'pay_red_packet_claims', rows, { packet_id: 'text', user_id: 'text', share: 'integer', amount: 'bigint', created_at: 'bigint' });
  },

  /**
   * Posts the given open share holds of a packet, each to its own recipient and settling transfer,
   * in one UPDATE joined to the list (one JSON parameter); returns how many were open (and are now posted).
   */
  async postShares(
    db: Executor,
    packetId: string,
    settled: { share: number; holdId: string; recipientAccountId: string; transferId: string }[],
    settledAt: number,
  ): Promise<number> {
    if (settled.length === 0) return 0;
    const source = joinRows(db, settled, { holdId: 'text', recipientAccountId: 'text', transferId: 'text' }, 'v');
    const { rows } = await sql<{ id: string }>`UPDATE ledger_holds
      SET status = 'posted', settled_at = ${settledAt}, recipient_account_id = v.${sql.ref('recipientAccountId')}, settle_transfer_id = v.${sql.ref('transferId')}
      FROM ${source}
      WHERE ledger_holds.id = v.${sql.ref('holdId')} AND ${unindexed(db, 'ledger_holds.group_id')} = ${packetId} AND ${unindexed(db, 'ledger_holds.status')} = 'open'
      RETURNING ledger_holds.id`.execute(db);
    return rows.length;
  },

  /** The packet's holds of shares `from` (inclusive) to `to` (exclusive). */
  holdsFor(db: Executor, packetId: string, from: number, to: number) {
    return db.selectFrom('ledger_holds').selectAll().where('group_id', '=', packetId).where('share', '>=', from).where('share', '<', to).execute();
  },

  async due(db: Executor, now: number, limit: number): Promise<string[]> {
    const rows = await db
      .selectFrom('pay_red_packets')
      .select('id')
      .where('status', '=', 'active')
      .where('expires_at', '<=', now)
      .orderBy('expires_at')
      .limit(limit)
      .execute();
    return rows.map((row) => row.id);
  },
};
