/** The server's public face: the CLI's `start` and its operator commands (`ledger reconcile`, `wallet`) use it. */
export { createApp, type App, type AppOptions } from './app';
export { loadConfig, ConfigError, type Config } from './config';
export { runServer } from './main';
export { openOperatorConsole, type ConsoleAdjustment, type OperatorConsole } from './operator-console';
export { openDatabase, type Database } from './platform/db/database';
export { systemClock } from './platform/clock';
export {
  ReconciliationService,
  defaultOverdueGraceMs,
  type Mismatch,
  type ReconciliationProgress,
  type ReconciliationReport,
  type ReconciliationWarning,
} from './modules/pay';
