export { Ledger, maxAmount, type AccountKind, type Leg, type PostSpec, type Posted, type PostedEntry, type HoldSpec } from './ledger.service';
export { ledgerRepository, type AccountRow, type EntryRow, type HoldRow, type TransferRow } from './ledger.repository';
export { once, requestHash } from './idempotency';
export { payErrors } from './pay.errors';
