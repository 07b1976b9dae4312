import { operatorAdjustmentRequest, type AuditEntry } from '@tessera/protocol';
import type { Config } from './config';
import { LocalBus, type Bus } from './platform/bus';
import { createIds, systemClock } from './platform/clock';
import { openDatabase } from './platform/db/database';
import { createLogger } from './platform/logger';
import { NatsBus } from './platform/nats-bus';
import { parse } from './platform/validation';
import { accountErrors } from './modules/accounts';
import { createOperatorTools, type FundingResult } from './modules/pay';
import { TimelineService } from './modules/sync';

export interface ConsoleAdjustment {
  /** A user id or Tessera ID (handle). */
  user: string;
  /** Signed minor units: positive credits, negative debits. */
  amount: number;
  reason: string;
  idempotencyKey: string;
}

/** The operator's wallet tools over the configured database, for the command line. */
export interface OperatorConsole {
  adjust(actor: string, adjustment: ConsoleAdjustment): Promise<FundingResult & { handle: string }>;
  audit(limit: number): Promise<AuditEntry[]>;
  close(): Promise<void>;
}

/**
 * Opens the database the server uses (same settings as `tessera start`) and composes the
 * operator service over it. With NATS configured, the user's devices hear of the new balance at
 * once; without it they find it on their next sync, as the event is in their timeline.
 */
export async function openOperatorConsole(config: Config): Promise<OperatorConsole> {
  const logger = createLogger('warn', config.nodeId);
  // No migrations here: the schema is the running server's to change, never an operator tool's.
  const { db } = openDatabase(config.database, (error) => logger.warn({ err: error }, 'idle database connection failed'));
  let bus: Bus;
  try {
    bus = config.natsUrl ? await NatsBus.connect(config.natsUrl, `${config.nodeId}-console`, logger) : new LocalBus();
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const timeline = new TimelineService(db, bus, systemClock);
  const { operator, findUser } = createOperatorTools({
    db,
    timeline,
    clock: systemClock,
    ids: createIds(systemClock),
    settings: config.pay,
    scryptCost: config.scryptCost,
  });
  return {
    async adjust(actor, adjustment) {
      const user = await findUser(adjustment.user);
      if (!user) throw accountErrors.userNotFound();
      // The same rules as the admin endpoint's body.
      const request = parse(operatorAdjustmentRequest, {
        userId: user.id,
        amount: adjustment.amount,
        reason: adjustment.reason,
        idempotencyKey: adjustment.idempotencyKey,
      });
      const result = await operator.adjust(actor, request);
      return { ...result, handle: user.handle };
    },
    audit: (limit) => operator.audit(limit),
    async close() {
      await bus.close();
      await db.destroy();
    },
  };
}
