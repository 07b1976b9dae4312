import { sql, type Selectable } from 'kysely';
import { chunks } from '../../platform/db/batch-sql';
import type { PayRedPacketClaimsTable, PayRedPacketsTable } from '../../platform/db/tables';
import type { Executor } from './ledger.repository';

export type RedPacketRow = Selectable<PayRedPacketsTable>;
export type ClaimRow = Selectable<PayRedPacketClaimsTable>;


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
    for (const chunk of chunks(rows, 5)) await db.insertInto('pay_red_packet_claims').values(chunk).execute();
  },

  /**
   * Posts the given open share holds of a packet, each to its own recipient and settling transfer,
   * in one UPDATE joined to a VALUES list; returns how many were open (and are now posted).
   */
  async postShares(
    db: Executor,
    packetId: string,
    settled: { share: number; holdId: string; recipientAccountId: string; transferId: string }[],
    settledAt: number,
  ): Promise<number> {
    let posted = 0;
    for (const chunk of chunks(settled, 3)) {
      const values = chunk.map((item) => sql`(${item.holdId}, ${item.recipientAccountId}, ${item.transferId})`);
      const { rows } = await sql<{ id: string }>`UPDATE ledger_holds
        SET status = 'posted', settled_at = ${sql.lit(settledAt)}, recipient_account_id = v.column2, settle_transfer_id = v.column3
        FROM (VALUES ${sql.join(values)}) AS v
        WHERE ledger_holds.id = v.column1 AND ledger_holds.group_id = ${packetId} AND ledger_holds.status = 'open'
        RETURNING ledger_holds.id`.execute(db);
      posted += rows.length;
    }
    return posted;
  },

  holdsFor(db: Executor, packetId: string, shares: number[]) {
    return db.selectFrom('ledger_holds').selectAll().where('group_id', '=', packetId).where('share', 'in', shares).execute();
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
