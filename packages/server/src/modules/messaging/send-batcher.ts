import { AppError } from '../../platform/errors';

interface Pending<I, R> {
  item: I;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items submitted in the same turn of the event loop are written together, so one
 * transaction (and one fsync) acknowledges many messages. While a batch is being written the next
 * one fills. If a batch fails as a whole, each of its items is retried alone so one bad item
 * cannot fail the others.
 */
export class SendBatcher<I, R> {
  private queue: Pending<I, R>[] = [];
  private running = false;

  constructor(
    private readonly writeBatch: (items: I[]) => Promise<(R | AppError)[]>,
    private readonly writeOne: (item: I) => Promise<R | AppError>,
    private readonly maxBatch = 256,
  ) {}

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      await this.run(batch);
    }
    this.running = false;
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
