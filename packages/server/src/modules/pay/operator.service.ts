import type { AuditEntry, OperatorAdjustmentRequest } from '@tessera/protocol';
import type { Clock, Ids } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { accountErrors } from '../accounts';
import type { TimelineService } from '../sync';
import type { FundingResult } from './funding.service';
import { once } from './idempotency';
import type { Executor } from './ledger.repository';
import type { Ledger } from './ledger.service';
import { operatorRepository, type AuditRow } from './operator.repository';
import type { StatementService } from './statement.service';
import type { WalletService } from './wallet.service';

/** The operator's own account, standing for money Tessera itself gives or takes back. */
const operatorOwner = 'tessera';

/** Operator adjustments share one idempotency namespace, whichever door (admin API, CLI) they come through. */
const operatorCaller = 'operator';

function presentAudit(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    actor: row.actor,
    action: row.action as AuditEntry['action'],
    userId: row.user_id,
    amount: row.amount,
    reason: row.reason,
    transferId: row.transfer_id,
    at: new Date(row.created_at).toISOString(),
  };
}

/**
 * Credit issued or withdrawn by the operator, with a reason. Every adjustment is written to the
 * audit log in the same transaction as the money moves, so one never exists without the other.
 */
export class OperatorService {
  constructor(
    private readonly db: Database,
    private readonly timeline: TimelineService,
    private readonly ledger: Ledger,
    private readonly wallets: WalletService,
    private readonly statements: StatementService,
    /** Whether a user exists (the accounts module), checked before any account is opened for them. */
    private readonly userExists: (db: Executor, userId: string) => Promise<boolean>,
    private readonly clock: Clock,
    private readonly ids: Ids,
  ) {}

  /**
   * Credits (positive amount) or debits (negative) the user's wallet. A debit never overdraws:
   * it fails with `insufficient_funds` and nothing is written.
   */
  adjust(actor: string, request: OperatorAdjustmentRequest): Promise<FundingResult> {
    const { userId, amount, reason } = request;
    return this.timeline.write((writer) =>
      once(writer.db, this.clock, operatorCaller, request.idempotencyKey, { operation: 'adjustment', userId, amount, reason }, async () => {
        if (!(await this.userExists(writer.db, userId))) throw accountErrors.userNotFound();
        const kind = amount > 0 ? 'operator_credit' : 'operator_debit';
        const currency = this.wallets.currency;
        const account = await this.wallets.account(writer.db, userId);
        const operator = await this.ledger.account(writer.db, 'operator', operatorOwner, currency);
        const posted = await this.ledger.post(writer.db, {
          kind,
          currency,
          memo: reason,
          legs: [
            { accountId: operator.id, amount: -amount, kind, counterpartyId: userId },
            { accountId: account.id, amount, kind },
          ],
        });
        await operatorRepository.insertAudit(writer.db, {
          id: this.ids.next(),
          actor,
          action: kind,
          user_id: userId,
          amount,
          reason,
          transfer_id: posted.transferId,
          created_at: posted.createdAt,
        });
        const movement = await this.statements.movement(writer.db, account.id, posted.transferId);
        return { wallet: await this.wallets.announce(writer, userId), movement };
      }),
    );
  }

  /** The latest audit log entries, newest first. */
  async audit(limit: number): Promise<AuditEntry[]> {
    return (await operatorRepository.listAudit(this.db, limit)).map(presentAudit);
  }
}
