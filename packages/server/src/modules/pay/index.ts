export { Ledger, maxAmount, type AccountKind, type Leg, type PostSpec, type Posted, type PostedEntry, type HoldSpec } from './ledger.service';
export { ledgerRepository, type AccountRow, type EntryRow, type HoldRow, type TransferRow } from './ledger.repository';
export { once, requestHash } from './idempotency';
export { payErrors } from './pay.errors';
export { WalletService, spendingKinds, type WalletSettings } from './wallet.service';
export { createPay, registerPayRoutes, startPayJobs, type PayDependencies, type PayServices } from './pay.composition';
export { ReconciliationService, defaultOverdueGraceMs, type ReconcileOptions } from './reconciliation.service';
export type { Mismatch, MismatchCode, ReconciliationProgress, ReconciliationReport, Warning as ReconciliationWarning } from './reconciliation-report';
