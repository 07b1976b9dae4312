import type { Migration } from 'kysely';
import * as initial from './0001-initial';
import * as ledger from './0002-ledger';
import * as ledgerAccountFillfactor from './0003-ledger-account-fillfactor';
import * as ledgerDailySpending from './0004-ledger-daily-spending';
import * as usersFillfactor from './0005-users-fillfactor';
import * as openHoldsIndex from './0006-open-holds-index';
import * as rateLimitBuckets from './0007-rate-limit-buckets';
import * as withdrawals from './0008-withdrawals';

/** Every migration, in order. Names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-ledger': ledger,
  '0003-ledger-account-fillfactor': ledgerAccountFillfactor,
  '0004-ledger-daily-spending': ledgerDailySpending,
  '0005-users-fillfactor': usersFillfactor,
  '0006-open-holds-index': openHoldsIndex,
  '0007-rate-limit-buckets': rateLimitBuckets,
  '0008-withdrawals': withdrawals,
};
