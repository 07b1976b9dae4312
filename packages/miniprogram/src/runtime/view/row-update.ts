import type { PathSegment } from '../shared/data-path';
import { isElement, type VNode, type WxmlModule } from './vnode';
import type { LoopRows, OwnerHelpers } from './render-helpers';

/** One row to render again: the loop it belongs to and its index. */
interface RowTarget {
  memo: string;
  loop: LoopRows;
  name: string;
  index: number;
}

/** A row's nodes from the last render and from its new data, matched one to one. */
export interface RowPatch {
  loop: LoopRows;
  start: number;
  previous: VNode[];
  next: VNode[];
}

const trackedByModule = new WeakMap<WxmlModule, ReadonlySet<string>>();

/** Memo ids of the loops a file's render should track for row updates. */
export function trackedLoops(module: WxmlModule): ReadonlySet<string> | undefined {
  if (!module.l) return undefined;
  let tracked = trackedByModule.get(module);
  if (!tracked) {
    tracked = new Set(Object.values(module.l).flat());
    trackedByModule.set(module, tracked);
  }
  return tracked.size ? tracked : undefined;
}

/**
 * Before changes are applied: the rows they touch, when every change is inside one row of a
 * list the template reads only through tracked loops (`rows[9].label`, `rows[3]`) and those
 * loops rendered exactly the list the data holds now. Undefined means render the whole file.
 */
export function rowTargets(module: WxmlModule, helpers: OwnerHelpers, data: Record<string, unknown>, paths: PathSegment[][]): RowTarget[] | undefined {
  const lists = module.l;
  if (!lists || !paths.length) return undefined;
  const targets: RowTarget[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    const [name, index] = path;
    if (typeof name !== 'string' || typeof index !== 'number' || path.length < 2) return undefined;
    const memos = lists[name];
    if (!memos) return undefined;
    for (const memo of memos) {
      const loop = helpers.loops.get(memo);
      if (!loop || loop.unsafe || loop.list !== data[name] || index >= loop.starts.length) return undefined;
      const id = `${memo}\n${index}`;
      if (seen.has(id)) continue;
      seen.add(id);
      targets.push({ memo, loop, name, index });
    }
  }
  return targets;
}

/**
 * After the changes are applied: renders each target row from the new data and pairs its nodes
 * with the old ones. Undefined (nothing in the DOM touched) when the list changed length or a
 * row's shape or key changed, which the keyed diff of a whole render must handle.
 */
export function rowPatches(targets: RowTarget[], helpers: OwnerHelpers, data: Record<string, unknown>): RowPatch[] | undefined {
  const patches: RowPatch[] = [];
  for (const { memo, loop, name, index } of targets) {
    const list = data[name];
    if (!Array.isArray(list) || list.length !== loop.list.length || !(index in list)) return undefined;
    const start = loop.starts[index] as number;
    const previous = loop.out.slice(start, start + (loop.counts[index] as number));
    const next = helpers.rerow(memo, list[index], index);
    if (next.length !== previous.length) return undefined;
    for (let position = 0; position < next.length; position++) {
      if (!samePlace(previous[position] as VNode, next[position] as VNode)) return undefined;
    }
    patches.push({ loop, start, previous, next });
  }
  for (const { name, loop } of targets) loop.list = data[name] as unknown[];
  return patches;
}

/** The same mounted node in the same place: text for text, or an element of the same tag, component and key. */
function samePlace(previous: VNode, next: VNode): boolean {
  if (!previous.el) return false;
  if (!isElement(previous) || !isElement(next)) return !isElement(previous) && !isElement(next);
  return previous.t === next.t && previous.p === next.p && previous.k === next.k;
}
