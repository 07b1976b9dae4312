import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { GroupCommit } from './group-commit';

interface Item {
  key: string;
  n: number;
}

/** A batch writer whose batches finish only when the test says so. */
function controlledWriter() {
  const batches: { items: Item[]; finish: () => void }[] = [];
  const writeBatch = (items: Item[]) =>
    new Promise<(number | AppError)[]>((resolve) => {
      batches.push({ items, finish: () => resolve(items.map((item) => (item.n < 0 ? new AppError('bad_request', 'negative') : item.n * 10))) });
    });
  return { batches, writeBatch };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('writes what arrives in one turn as one batch and answers each item', async () => {
    const { batches, writeBatch } = controlledWriter();
    const batcher = new GroupCommit<Item, number>(writeBatch, async () => 0);
    const results = [1, 2, -3].map((n) => batcher.submit({ key: 'a', n }).catch((error: AppError) => error.code));
    await turn();
    expect(batches.map((batch) => batch.items.map((item) => item.n))).toEqual([[1, 2, -3]]);
    batches[0]!.finish();
    expect(await Promise.all(results)).toEqual([10, 20, 'bad_request']);
  });

  it('overlaps batches up to the limit but never puts one key in two batches at once', async () => {
    const { batches, writeBatch } = controlledWriter();
    const batcher = new GroupCommit<Item, number>(writeBatch, async () => 0, {
      maxBatch: 2,
      maxInFlight: 2,
      keyOf: (item) => item.key,
    });
    const items: Item[] = [
      { key: 'a', n: 1 },
      { key: 'a', n: 2 },
      { key: 'a', n: 3 },
      { key: 'b', n: 4 },
      { key: 'c', n: 5 },
    ];
    const results = items.map((item) => batcher.submit(item));
    await turn();
    // a1, a2 fill the first batch; a3 must wait for them; b and c go alongside.
    expect(batches.map((batch) => batch.items.map((item) => item.n))).toEqual([[1, 2], [4, 5]]);
    batches[1]!.finish();
    await turn();
    expect(batches).toHaveLength(2);
    batches[0]!.finish();
    await turn();
    expect(batches.map((batch) => batch.items.map((item) => item.n))).toEqual([[1, 2], [4, 5], [3]]);
    batches[2]!.finish();
    expect(await Promise.all(results)).toEqual([10, 20, 30, 40, 50]);
  });

  it('retries each item alone when a whole batch fails', async () => {
    const written: number[] = [];
    const batcher = new GroupCommit<Item, number>(
      async () => {
        throw new Error('deadlock');
      },
      async (item) => {
        if (item.n === 2) throw new Error('still broken');
        written.push(item.n);
        return item.n;
      },
    );
    const results = await Promise.allSettled([1, 2, 3].map((n) => batcher.submit({ key: 'a', n })));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(written).toEqual([1, 3]);
  });
});
