import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { GroupCommit } from '../../platform/group-commit';
import { requestHash } from './idempotency';
import { idempotencyRepository } from './idempotency.repository';
import type { Executor } from './ledger.repository';
import type { Ledger, PostSpec, Posted } from './ledger.service';
import { payErrors } from './pay.errors';

export interface LedgerRequest {
  /** Who asks: idempotency keys are unique per caller. */
  callerId: string;
  idempotencyKey: string;
  spec: PostSpec;
}

/** What a posted transfer answers, the same on a retry with the same key. */
export interface LedgerReceipt {
  transferId: string;
  createdAt: number;
  entries: Posted['entries'];
}

/** A unique-key violation: another transaction recorded the same idempotency key first. */
function isDuplicateKey(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * The ledger's high-throughput entry point for plain transfers between accounts: requests that
 * arrive together are posted in one transaction with a fixed number of statements (group commit),
 * each idempotent on its caller's key. A transfer that would overdraw fails alone; the rest post.
 */
export class LedgerWriter {
  private readonly batches: GroupCommit<LedgerRequest, LedgerReceipt>;

  constructor(
    private readonly db: Database,
    private readonly ledger: Ledger,
    private readonly clock: Clock,
    options: { concurrentBatches: number; maxBatch?: number },
  ) {
    this.batches = new GroupCommit(
      (items) => this.db.transaction().execute((tx) => this.writeMany(tx, items)),
      (item) => this.writeOne(item),
      // Accounts are locked in id order inside each batch, so overlapping batches queue rather than deadlock.
      { maxBatch: options.maxBatch ?? 512, maxInFlight: options.concurrentBatches, keyOf: (item) => `${item.callerId} ${item.idempotencyKey}` },
    );
  }

  /** Posts the transfer once per (caller, key); resolves when it is durable. */
  transfer(request: LedgerRequest): Promise<LedgerReceipt> {
    return this.batches.submit(request);
  }

  private async writeOne(item: LedgerRequest): Promise<LedgerReceipt | AppError> {
    try {
      return (await this.db.transaction().execute((tx) => this.writeMany(tx, [item])))[0]!;
    } catch (error) {
      // The same key committed by a concurrent transaction: the retry reads its result.
      if (!isDuplicateKey(error)) throw error;
      return (await this.db.transaction().execute((tx) => this.writeMany(tx, [item])))[0]!;
    }
  }

  private async writeMany(db: Executor, items: LedgerRequest[]): Promise<(LedgerReceipt | AppError)[]> {
    const hashes = items.map((item) => requestHash(item.spec));
    const keyOf = (item: LedgerRequest): string => `${item.callerId} ${item.idempotencyKey}`;
    const stored = await idempotencyRepository.find(
      db,
      items.map((item) => ({ callerId: item.callerId, key: item.idempotencyKey })),
    );
    const results: (LedgerReceipt | AppError)[] = new Array(items.length);
    const firstOfKey = new Map<string, number>();
    const fresh: number[] = [];
    items.forEach((item, index) => {
      const key = keyOf(item);
      const earlier = stored.get(key);
      if (earlier) {
        if (earlier.request_hash !== hashes[index]) results[index] = payErrors.idempotencyKeyReused();
        else if (earlier.result === null) results[index] = new AppError('internal_error', 'idempotency key stored without a result');
        else results[index] = JSON.parse(earlier.result) as LedgerReceipt;
      } else if (!firstOfKey.has(key)) {
        firstOfKey.set(key, index);
        fresh.push(index);
      }
    });
    const posted = await this.ledger.postMany(
      db,
      fresh.map((index) => items[index]!.spec),
    );
    const records: { callerId: string; key: string; hash: string; result: string }[] = [];
    fresh.forEach((index, position) => {
      const item = items[index]!;
      const outcome = posted[position]!;
      if (outcome instanceof AppError) {
        // A failed transfer moved nothing and records nothing: its key may be used again.
        results[index] = outcome;
        return;
      }
      const receipt: LedgerReceipt = { transferId: outcome.transferId, createdAt: outcome.createdAt, entries: outcome.entries };
      results[index] = receipt;
      records.push({ callerId: item.callerId, key: item.idempotencyKey, hash: hashes[index]!, result: JSON.stringify(receipt) });
    });
    await idempotencyRepository.insert(db, records, this.clock.now());
    // The same key twice in one batch: the later one is a retry of the first.
    items.forEach((item, index) => {
      const first = firstOfKey.get(keyOf(item));
      if (first === undefined || first === index || results[index] !== undefined) return;
      results[index] = hashes[first] === hashes[index] ? results[first]! : payErrors.idempotencyKeyReused();
    });
    return results;
  }
}
