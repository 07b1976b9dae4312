import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Runs in the worker: its own connection to the file, checkpointing the WAL on a timer. */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or closing: the next tick tries again */ }
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  Atomics.store(workerData.closed, 0, 1);
  Atomics.notify(workerData.closed, 0);
  parentPort.close();
});
`;

/**
 * Copies a SQLite database's WAL back into the file from a worker thread, every `intervalMs`.
 * SQLite's own checkpoint runs inside whichever commit crosses the threshold, on the event loop:
 * copying a batch's worth of pages and fsyncing both files there stalls every request behind it.
 * A PASSIVE checkpoint on another connection runs beside the writer without blocking it, and its
 * fsyncs happen off the event loop. Returns a function that stops the worker and waits for it.
 */
export function startWalCheckpointer(file: string, intervalMs = 1000): () => void {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const closed = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(workerSource, { eval: true, workerData: { file, intervalMs, driver, closed } });
  // Never the reason the process stays up; a failed worker leaves SQLite's own checkpoints to do the work.
  worker.unref();
  // A worker that failed or exited has nothing left to close.
  const gone = () => Atomics.store(closed, 0, 1);
  worker.on('error', gone);
  worker.on('exit', gone);
  // Stopping waits (briefly, at most 5 s) until the worker's connection is closed, so whoever closes
  // the database may remove or copy its files at once.
  return () => {
    worker.postMessage('stop');
    Atomics.wait(closed, 0, 0, 5_000);
  };
}
