import { requireWxs } from './wxs-modules';
import type { RenderHelpers, VElement, VNode, VText, WxmlModule } from './vnode';

/** The page or component a render belongs to. */
export interface RenderOwner {
  id: number;
  /** Class prefix for isolated component styles ('' for the page). */
  prefix: string;
  /** Slot content handed in by the component's owner. */
  slots: VNode[];
  /** True when app and page classes also apply inside the component (addGlobalClass). */
  shared?: boolean;
  /** externalClasses the component declares; the owner supplies their values on the host. */
  external?: Set<string>;
  /** The component's host node in its owner's tree, and that owner's class prefix. */
  host?: VElement;
  parentPrefix?: string;
}

const FORBIDDEN = new Set(['constructor', '__proto__', 'prototype']);

/**
 * Where a tracked loop put its rows in the last render: the list it iterated, the children
 * array the rows went into, and each row's first position and node count there.
 */
export interface LoopRows {
  list: unknown[];
  out: VNode[];
  starts: number[];
  counts: number[];
  body: (item: unknown, index: number | string) => VNode[];
  /** Set when the rows went somewhere a row patch cannot follow (slot content of a component). */
  unsafe: boolean;
}

/** The helpers plus what the view needs to re-render single rows. */
export interface OwnerHelpers extends RenderHelpers {
  /** Tracked loops of the last pass, by memo id. */
  readonly loops: Map<string, LoopRows>;
  /** Renders row `index` of a tracked loop again with `item`, caching it as the loop would. */
  rerow(memo: string, item: unknown, index: number): VNode[];
}

/** Looks up compiled WXML files by project path. */
export type WxmlLookup = (file: string) => WxmlModule | undefined;

/** Builds the root scope for a file: data plus the file's wxs modules, on a null prototype. */
export function rootScope(module: WxmlModule | undefined, data: Record<string, unknown>): Record<string, unknown> {
  const scope: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  Object.assign(scope, data);
  if (module) for (const [name, id] of Object.entries(module.w)) scope[name] = requireWxs(id);
  return scope;
}

/** The helper object render functions call, bound to one owner. */
export function createHelpers(owner: RenderOwner, lookup: WxmlLookup): OwnerHelpers {
  // Per loop, the nodes last rendered for each item object, reused while the object is the same.
  const memos = new Map<string, WeakMap<object, { index: number | string; nodes: VNode[]; pass: number }>>();
  let pass = 0;
  const warned = new Set<string>();
  let tracking: ReadonlySet<string> | undefined;
  const loops = new Map<string, LoopRows>();
  const cacheOf = (memo: string): WeakMap<object, { index: number | string; nodes: VNode[]; pass: number }> => {
    let cache = memos.get(memo);
    if (!cache) {
      cache = new WeakMap();
      memos.set(memo, cache);
    }
    return cache;
  };
  const helpers: OwnerHelpers = {
    loops,
    begin(tracked) {
      pass++;
      tracking = tracked;
      loops.clear();
    },
    rerow(memo, item, index) {
      const loop = loops.get(memo) as LoopRows;
      const nodes = loop.body(item, index);
      if (item !== null && typeof item === 'object') cacheOf(memo).set(item, { index, nodes, pass });
      return nodes;
    },
    fm(list, memo, body, out) {
      const rows = cacheOf(memo);
      const row = (item: unknown, index: number | string): void => {
        if (item === null || typeof item !== 'object') {
          out.push(...body(item, index));
          return;
        }
        const hit = rows.get(item);
        if (hit && hit.index === index && hit.pass !== pass) {
          hit.pass = pass;
          out.push(...hit.nodes);
          return;
        }
        const nodes = body(item, index);
        rows.set(item, { index, nodes, pass });
        out.push(...nodes);
      };
      if (!tracking?.has(memo) || !Array.isArray(list)) {
        helpers.f(list, row);
        return;
      }
      // A tracked loop is a top-level one, run once per pass; a second run makes it untrackable.
      const loop: LoopRows = { list, out, starts: [], counts: [], body, unsafe: loops.has(memo) };
      loops.set(memo, loop);
      for (let index = 0; index < list.length; index++) {
        const start = out.length;
        // Holes (a row set past the end) render nothing, as forEach skips them.
        if (index in list) row(list[index], index);
        loop.starts.push(start);
        loop.counts.push(out.length - start);
      }
    },
    e(tag, attributes, events, children, key, dataset, mark, component, generics) {
      if ((component || tag === 'slot') && loops.size) for (const loop of loops.values()) if (loop.out === children) loop.unsafe = true;
      if (tag === 'slot' && !component) {
        const name = typeof attributes.name === 'string' ? attributes.name : '';
        const content = owner.slots.filter((node) => slotName(node) === name);
        return { t: 'slot', a: {}, v: null, c: content, k: key, d: null, m: null, p: undefined, o: owner.id } satisfies VElement;
      }
      const node: VElement = { t: tag, a: attributes, v: events, c: children, k: key, d: dataset, m: mark, p: component, o: owner.id };
      if (generics) node.g = generics;
      return node;
    },
    gp(name, fallback) {
      const chosen = owner.host?.g?.[name] ?? fallback ?? undefined;
      if (chosen === undefined && !warned.has(name)) {
        warned.add(name);
        console.warn(`abstract node <${name}> has no implementation: its user gave no generic:${name} and it has no default`);
      }
      return chosen;
    },
    t(text): VText {
      return { x: typeof text === 'string' ? text : helpers.str(text) };
    },
    f(list, each) {
      if (Array.isArray(list)) list.forEach((item, index) => each(item, index));
      else if (typeof list === 'number') for (let index = 0; index < list; index++) each(index, index);
      else if (typeof list === 'string') Array.from(list).forEach((item, index) => each(item, index));
      else if (list && typeof list === 'object') for (const [key, value] of Object.entries(list)) each(value, key);
    },
    s(parent, itemName, item, indexName, index) {
      const scope = Object.create(parent) as Record<string, unknown>;
      scope[itemName] = item;
      scope[indexName] = index;
      return scope;
    },
    k(item, field, index) {
      if (field === '*this') return String(item);
      // A key field the item lacks falls back to the index, as WeChat does (with a warning there).
      const value = field && item && typeof item === 'object' ? (item as Record<string, unknown>)[field] : undefined;
      return value === undefined || value === null ? String(index) : String(value);
    },
    str(value) {
      if (value === undefined || value === null) return '';
      // WeChat prints an array as JavaScript joins it ({{[1, 2, 3]}} shows 1,2,3): programs put
      // an API's one-entry array (a release date) straight into text and expect the entry alone.
      if (Array.isArray(value)) return value.map((entry) => helpers.str(entry)).join(',');
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    },
    m(object, key) {
      if (object === null || object === undefined) return undefined;
      if (typeof key === 'string' && FORBIDDEN.has(key)) return undefined;
      return (object as Record<string, unknown>)[key as string];
    },
    cls(value) {
      const text = helpers.str(value);
      if (!owner.prefix) return text;
      return text
        .split(/\s+/)
        .filter(Boolean)
        .map((name) => {
          // An external class takes the owner's class names, styled by the owner's sheet.
          if (!owner.external?.has(name)) return owner.shared ? `${owner.prefix}${name} ${name}` : owner.prefix + name;
          const given = helpers.str(owner.host?.a[name]);
          return given.split(/\s+/).filter(Boolean).map((outer) => (owner.parentPrefix ?? '') + outer).join(' ');
        })
        .join(' ');
    },
    tpl(file, name, data) {
      const module = lookup(file);
      const found = findTemplate(module, String(name), lookup);
      if (!found) {
        console.warn(`template "${String(name)}" is not defined in ${file} or its imports`);
        return [];
      }
      return found.render(rootScope(found.module, data), helpers);
    },
  };
  return helpers;
}

function findTemplate(module: WxmlModule | undefined, name: string, lookup: WxmlLookup): { render: WxmlModule['r']; module: WxmlModule } | undefined {
  if (!module) return undefined;
  const own = module.t[name];
  if (own) return { render: own, module };
  for (const file of module.i) {
    const imported = lookup(file);
    const render = imported?.t[name];
    if (render && imported) return { render, module: imported };
  }
  return undefined;
}

function slotName(node: VNode): string {
  const attributes = (node as VElement).a;
  return attributes && typeof attributes.slot === 'string' ? attributes.slot : '';
}
