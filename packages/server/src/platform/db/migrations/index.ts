import type { Migration } from 'kysely';
import * as initial from './0001-initial';
import * as ledger from './0002-ledger';
import * as ledgerAccountFillfactor from './0003-ledger-account-fillfactor';
import * as ledgerDailySpending from './0004-ledger-daily-spending';

/** Every migration, in order. Names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-ledger': ledger,
  '0003-ledger-account-fillfactor': ledgerAccountFillfactor,
  '0004-ledger-daily-spending': ledgerDailySpending,
};
