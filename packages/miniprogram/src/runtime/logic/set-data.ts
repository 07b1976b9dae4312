import { getAtPath, parseDataPath, setAtPath, type PathSegment } from '../shared/data-path';
import type { DataChange } from '../shared/runtime-messages';
import type { ViewChannel } from './view-channel';

/** WeChat's cap on one setData call. */
export const SET_DATA_LIMIT_BYTES = 1024 * 1024;

/** What setData needs from a page or component instance. */
export interface DataOwner {
  data: Record<string, unknown>;
  /** 0 for the page, the component id otherwise. */
  readonly ownerId: number;
  readonly channel: ViewChannel;
  /** False until the view has the owner's first full data; earlier changes travel with it. */
  initialized: boolean;
  /** Runs observers for the changed paths; called after the data is updated. */
  observe?(changed: PathSegment[][]): void;
}

/**
 * setData: updates `owner.data` synchronously, then queues only the changed paths for the
 * view. Values are serialised here, so later mutation of the caller's objects cannot leak
 * into the update, and the size cap is checked on exactly what would be sent.
 */
export function setData(owner: DataOwner, patch: Record<string, unknown>, callback?: () => void, warn: (text: string) => void = console.warn): void {
  if (!patch || typeof patch !== 'object') throw new TypeError('setData expects an object');
  const changes: DataChange[] = [];
  const changedPaths: PathSegment[][] = [];
  let bytes = 0;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) {
      warn(`setData: the value of "${key}" is undefined and was not set`);
      continue;
    }
    const segments = parseDataPath(key);
    const json = JSON.stringify(value) ?? 'null';
    bytes += json.length + key.length;
    if (bytes > SET_DATA_LIMIT_BYTES) {
      throw new RangeError(`setData: this call sends more than 1 MB (${bytes} bytes so far at "${key}"); send only what changed`);
    }
    const previous = getAtPath(owner.data, segments);
    // Strings, booleans and finite numbers survive JSON unchanged; only objects need the copy.
    const primitive = typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0));
    setAtPath(owner.data, segments, primitive ? value : JSON.parse(json));
    changedPaths.push(segments);
    // Primitives that did not change are not sent: the view would do nothing with them.
    if ((previous === null || typeof previous !== 'object') && previous === value) continue;
    changes.push([normalisePath(segments), json]);
  }
  owner.observe?.(changedPaths);
  if (!owner.initialized) {
    if (callback) owner.channel.queue(owner.ownerId, [], callback);
    return;
  }
  if (changes.length || callback) owner.channel.queue(owner.ownerId, changes, callback);
}

/** The canonical string form of a path, which the view parses back. */
export function normalisePath(segments: PathSegment[]): string {
  return segments.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index ? '.' : ''}${segment.replace(/([.[\]\\])/g, '\\$1')}`)).join('');
}
