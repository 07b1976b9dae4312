import { loadConfig } from '../src/config';
import { ManualClock, createIds } from '../src/platform/clock';
import { migrateToLatest, openDatabase, type Database, type Dialect } from '../src/platform/db/database';
import { Ledger } from '../src/modules/pay';
import { createTestDatabase, type Engine, type TestDatabase } from './databases';

export interface LedgerFixture {
  db: Database;
  dialect: Dialect;
  clock: ManualClock;
  ledger: Ledger;
  /** A funded user wallet: an account with `balance` moved in from the funding account. */
  wallet(ownerId: string, balance?: number): Promise<string>;
  close(): Promise<void>;
}

/** A migrated, empty database on the engine with a ledger over it; `close` drops it. */
export async function openLedger(engine: Engine): Promise<LedgerFixture> {
  const database: TestDatabase = await createTestDatabase(engine);
  const config = loadConfig({ TESSERA_DATABASE_URL: database.url, TESSERA_DATA_DIR: database.dataDir, TESSERA_DB_POOL_SIZE: '8' });
  const { db, dialect } = openDatabase(config.database);
  await migrateToLatest(db, dialect);
  const clock = new ManualClock();
  const ledger = new Ledger(clock, createIds(clock));
  return {
    db,
    dialect,
    clock,
    ledger,
    async wallet(ownerId, balance = 0) {
      return db.transaction().execute(async (tx) => {
        const account = await ledger.account(tx, 'user', ownerId, 'CNY');
        if (balance > 0) {
          const funding = await ledger.account(tx, 'funding', 'sandbox', 'CNY');
          await ledger.post(tx, {
            kind: 'top_up',
            currency: 'CNY',
            legs: [
              { accountId: funding.id, amount: -balance, kind: 'top_up' },
              { accountId: account.id, amount: balance, kind: 'top_up' },
            ],
          });
        }
        return account.id;
      });
    },
    async close() {
      await db.destroy();
      await database.drop();
    },
  };
}
