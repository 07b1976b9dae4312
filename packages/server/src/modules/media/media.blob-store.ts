import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { mediaErrors } from './media.errors';

/** A blob written to a temporary file and hashed, not yet visible under its id. */
export interface StagedBlob {
  /** SHA-256 of the bytes, lowercase hex: the blob's id. */
  id: string;
  size: number;
  tempPath: string;
}

const blobId = /^[0-9a-f]{64}$/;

/** Whether a string has the shape of a blob id (and so is safe to turn into a path). */
export function isBlobId(value: string): boolean {
  return blobId.test(value);
}

/**
 * Content-addressed files under one directory: `<root>/ab/cd/<sha256>`. Blobs are written to
 * `<root>/tmp` while hashed and renamed into place, so a reader never sees a partial file and
 * the same bytes uploaded twice are stored once.
 */
export class BlobStore {
  private readonly tempDir: string;

  constructor(readonly root: string) {
    this.tempDir = path.join(root, 'tmp');
  }

  pathOf(id: string): string {
    if (!isBlobId(id)) throw new Error(`not a blob id: ${id}`);
    return path.join(this.root, id.slice(0, 2), id.slice(2, 4), id);
  }

  /**
   * Streams `source` to a temporary file, hashing as it goes. Past `maxBytes` it stops writing,
   * deletes the file and throws `media_too_large`; the rest of the source is drained unread so an
   * HTTP response can still be sent on the same connection.
   */
  async stage(source: Readable, maxBytes: number, tempName: string): Promise<StagedBlob> {
    await fs.promises.mkdir(this.tempDir, { recursive: true });
    const tempPath = path.join(this.tempDir, tempName);
    const hash = createHash('sha256');
    let size = 0;
    const limiter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > maxBytes) return callback(mediaErrors.tooLarge(maxBytes));
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        // flush: fsync before close, so the rename in commit() only ever publishes durable bytes.
        const output = fs.createWriteStream(tempPath, { flags: 'wx', flush: true });
        let failure: Error | undefined;
        const fail = (error: unknown): void => {
          if (failure) return;
          failure = error instanceof Error ? error : new Error(String(error));
          source.unpipe(limiter);
          source.resume();
          limiter.destroy();
          output.destroy();
        };
        source.on('error', fail);
        source.on('close', () => {
          if (!source.readableEnded) fail(new Error('the upload was interrupted'));
        });
        limiter.on('error', fail);
        output.on('error', fail);
        // Settle only once the file is closed, so the cleanup below never races its creation.
        output.on('close', () => (failure ? reject(failure) : resolve()));
        source.pipe(limiter).pipe(output);
      });
    } catch (error) {
      await fs.promises.rm(tempPath, { force: true });
      throw error;
    }
    return { id: hash.digest('hex'), size, tempPath };
  }

  /** Makes a staged blob visible under its id (atomically); if it already exists the copy is dropped. */
  async commit(staged: StagedBlob): Promise<void> {
    const target = this.pathOf(staged.id);
    if (await exists(target)) {
      await this.discard(staged);
      return;
    }
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.rename(staged.tempPath, target);
  }

  async discard(staged: StagedBlob): Promise<void> {
    await fs.promises.rm(staged.tempPath, { force: true });
  }

  /** Stores bytes already in memory (small derived files such as thumbnails); returns the id. */
  async put(bytes: Buffer, tempName: string): Promise<string> {
    const id = createHash('sha256').update(bytes).digest('hex');
    await fs.promises.mkdir(this.tempDir, { recursive: true });
    const tempPath = path.join(this.tempDir, tempName);
    const handle = await fs.promises.open(tempPath, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await this.commit({ id, size: bytes.length, tempPath });
    return id;
  }

  /** Deletes temporary files last written before `cutoff` (ms since the epoch): uploads a crash left behind. */
  async sweepTemp(cutoff: number): Promise<number> {
    let removed = 0;
    const names = await fs.promises.readdir(this.tempDir).catch(() => [] as string[]);
    for (const name of names) {
      const file = path.join(this.tempDir, name);
      const stat = await fs.promises.stat(file).catch(() => undefined);
      if (stat && stat.mtimeMs < cutoff) {
        await fs.promises.rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }

  /** The blob's size, or undefined when it is not stored. */
  async size(id: string): Promise<number | undefined> {
    try {
      return (await fs.promises.stat(this.pathOf(id))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Reads the blob, or the inclusive byte range [start, end] of it. */
  read(id: string, range?: { start: number; end: number }): Readable {
    return fs.createReadStream(this.pathOf(id), range ?? {});
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.promises.access(file);
    return true;
  } catch {
    return false;
  }
}
