import { AppError } from './errors';

interface Pending<I, R> {
  item: I;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export interface BatcherOptions<I> {
  /** Most items in one batch. */
  maxBatch: number;
  /** Batches written at the same time: 1 for SQLite's single writer, more where the database overlaps them. */
  maxInFlight: number;
  /** Items with the same key never travel in concurrent batches, so they are written in the order submitted. */
  keyOf: (item: I) => string;
}

/**
 * Group commit: items submitted in the same turn of the event loop are written together, so one
 * transaction (and one fsync) acknowledges many messages. While batches are being written the next
 * one fills. If a batch fails as a whole, each of its items is retried alone so one bad item
 * cannot fail the others.
 */
export class GroupCommit<I, R> {
  private queue: Pending<I, R>[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly busy = new Set<string>();

  constructor(
    private readonly writeBatch: (items: I[]) => Promise<(R | AppError)[]>,
    private readonly writeOne: (item: I) => Promise<R | AppError>,
    private readonly options: BatcherOptions<I> = { maxBatch: 256, maxInFlight: 1, keyOf: () => '' },
  ) {}

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Pumps on the next turn of the event loop, never at once: with a synchronous driver (SQLite) a
   * batch completes in microtasks, and pumping straight from its end would chain batches forever
   * without letting timers or sockets run.
   */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.take();
      // Everything waiting belongs to a batch in flight; its end pumps again.
      if (batch.length === 0) return;
      const keys = new Set(batch.map((pending) => this.options.keyOf(pending.item)));
      for (const key of keys) this.busy.add(key);
      this.inFlight += 1;
      void this.run(batch).finally(() => {
        for (const key of keys) this.busy.delete(key);
        this.inFlight -= 1;
        if (this.queue.length > 0) this.schedule();
      });
    }
  }

  /** The oldest waiting items whose keys no batch in flight holds, in submission order. */
  private take(): Pending<I, R>[] {
    const batch: Pending<I, R>[] = [];
    const rest: Pending<I, R>[] = [];
    for (const pending of this.queue) {
      if (batch.length < this.options.maxBatch && !this.busy.has(this.options.keyOf(pending.item))) batch.push(pending);
      else rest.push(pending);
    }
    this.queue = rest;
    return batch;
  }

  private async run(batch: Pending<I, R>[]): Promise<void> {
    try {
      const results = await this.writeBatch(batch.map((pending) => pending.item));
      batch.forEach((pending, index) => settle(pending, results[index]));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      for (const pending of batch) {
        try {
          settle(pending, await this.writeOne(pending.item));
        } catch (single) {
          pending.reject(single);
        }
      }
    }
  }
}

function settle<R>(pending: Pending<unknown, R>, result: R | AppError | undefined): void {
  if (result instanceof AppError) pending.reject(result);
  else if (result === undefined) pending.reject(new Error('batch returned no result for an item'));
  else pending.resolve(result);
}
