import type { Selectable } from 'kysely';
import type { PayAuditLogTable } from '../../platform/db/tables';
import type { Executor } from './ledger.repository';

export type AuditRow = Selectable<PayAuditLogTable>;

/** The operator's audit log: only ever appended to (the database refuses changes). */
export const operatorRepository = {
  async insertAudit(db: Executor, row: AuditRow): Promise<void> {
    await db.insertInto('pay_audit_log').values(row).execute();
  },

  /** Newest first; the id only makes the order of entries written in the same millisecond stable. */
  listAudit(db: Executor, limit: number): Promise<AuditRow[]> {
    return db.selectFrom('pay_audit_log').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  },
};
