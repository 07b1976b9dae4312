/** WeChat's per-app storage quota. */
export const STORAGE_QUOTA_BYTES = 10 * 1024 * 1024;

/**
 * The logic layer's copy of the app's storage. The Sync APIs must answer at once, so the host
 * hands over a snapshot at boot and every write is applied here first, then persisted by the
 * host, which enforces the same quota.
 */
export class StorageCache {
  private readonly entries: Map<string, string>;
  private bytes = 0;

  constructor(snapshot: Record<string, string>, private readonly persist: (key: string | null, json: string | undefined) => void) {
    this.entries = new Map(Object.entries(snapshot));
    for (const [key, json] of this.entries) this.bytes += key.length + json.length;
  }

  get(key: string): unknown {
    const json = this.entries.get(key);
    return json === undefined ? '' : (JSON.parse(json) as unknown);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  set(key: string, value: unknown): void {
    if (typeof key !== 'string' || !key) throw new Error('key must be a non-empty string');
    const json = JSON.stringify(value === undefined ? null : value);
    const previous = this.entries.get(key);
    const next = this.bytes - (previous === undefined ? 0 : key.length + previous.length) + key.length + json.length;
    if (next > STORAGE_QUOTA_BYTES) throw new Error('exceed storage max size 10MB');
    this.entries.set(key, json);
    this.bytes = next;
    this.persist(key, json);
  }

  remove(key: string): void {
    const previous = this.entries.get(key);
    if (previous === undefined) return;
    this.entries.delete(key);
    this.bytes -= key.length + previous.length;
    this.persist(key, undefined);
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
    this.persist(null, undefined);
  }

  info(): { keys: string[]; currentSize: number; limitSize: number } {
    return { keys: [...this.entries.keys()], currentSize: Math.ceil(this.bytes / 1024), limitSize: STORAGE_QUOTA_BYTES / 1024 };
  }
}
