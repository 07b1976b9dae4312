import type { Config } from '../../config';
import type { Clock, Ids } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { AccountsRepository, type UserRow } from '../accounts';
import type { TimelineService } from '../sync';
import { Ledger } from './ledger.service';
import { OperatorService } from './operator.service';
import { StatementService } from './statement.service';
import { WalletService, walletSettingsFrom } from './wallet.service';

export interface OperatorDependencies {
  db: Database;
  timeline: TimelineService;
  clock: Clock;
  ids: Ids;
  settings: Config['pay'];
  scryptCost: number;
}

/** The operator's tools outside a running server (the `tessera wallet` command): the same service the admin API uses. */
export interface OperatorTools {
  operator: OperatorService;
  /** A user by id or by Tessera ID (handle). */
  findUser(idOrHandle: string): Promise<UserRow | undefined>;
}

export function createOperatorTools(deps: OperatorDependencies): OperatorTools {
  const ledger = new Ledger(deps.clock, deps.ids);
  const wallet = new WalletService(
    deps.db,
    deps.timeline,
    ledger,
    deps.clock,
    walletSettingsFrom(deps.settings, deps.scryptCost),
    // The operator never sets a user's payment password, so no login password is ever accepted here.
    async () => false,
  );
  const statements = new StatementService(deps.db, wallet);
  const users = new AccountsRepository(deps.db);
  const userExists = async (db: Database, userId: string): Promise<boolean> => (await users.findById(userId, db)) !== undefined;
  return {
    operator: new OperatorService(deps.db, deps.timeline, ledger, wallet, statements, userExists, deps.clock, deps.ids),
    findUser: async (idOrHandle) => (await users.findById(idOrHandle)) ?? (await users.findByHandle(idOrHandle)),
  };
}
