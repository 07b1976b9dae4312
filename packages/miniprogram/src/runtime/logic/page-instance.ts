import { createComponentInstance, runLifetime, type ComponentState } from './component-instance';
import type { ComponentDefinition } from './component-definition';
import { invoke } from './lifecycle-invoker';
import { RelationLinks } from './component-relations';
import { setData, type DataOwner } from './set-data';
import { ViewChannel } from './view-channel';
import type { ViewToLogic } from '../shared/runtime-messages';

/** A page on the stack (or kept alive as a visited tab). */
export interface PageRecord {
  pageId: number;
  path: string;
  query: Record<string, string>;
  /** The page's `this`. */
  instance: Record<string, unknown>;
  owner: DataOwner;
  channel: ViewChannel;
  components: Map<number, ComponentState>;
  /** Set when the page was built with Component(); its page lifecycles live in methods. */
  componentState: ComponentState | undefined;
  ready: boolean;
  unloaded: boolean;
  /** Selector queries waiting for the view's answer. */
  queries: Map<number, (results: unknown[]) => void>;
  relations: RelationLinks;
}

/**
 * Builds a page from its Page() options or Component() definition. `onMessage` receives
 * what the page's view sends.
 */
export function createPage(pageId: number, path: string, query: Record<string, string>, source: { page?: Record<string, unknown>; component?: ComponentDefinition }, onMessage: (record: PageRecord, message: ViewToLogic) => void): PageRecord {
  const channel = new ViewChannel((message) => onMessage(record, message));
  let record: PageRecord;
  if (source.component) {
    const state = createComponentInstance(source.component, 0, channel, query, { route: path, options: query, __route__: path });
    record = { pageId, path, query, instance: state.instance, owner: state, channel, components: new Map(), componentState: state, ready: false, unloaded: false, queries: new Map(), relations: new RelationLinks() };
    runLifetime(state, 'created');
    runLifetime(state, 'attached');
    return record;
  }
  const options = source.page ?? {};
  const instance: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (key === 'data') continue;
    instance[key] = copyOption(value);
  }
  const owner: DataOwner = { data: structuredClone((options.data ?? {}) as Record<string, unknown>), ownerId: 0, channel, initialized: false };
  Object.defineProperty(instance, 'data', { get: () => owner.data, enumerable: true });
  instance.route = path;
  instance.__route__ = path;
  instance.options = query;
  instance.setData = (patch: Record<string, unknown>, callback?: () => void) => setData(owner, patch, callback && (() => invoke(callback, instance, [], 'setData callback')));
  record = { pageId, path, query, instance, owner, channel, components: new Map(), componentState: undefined, ready: false, unloaded: false, queries: new Map(), relations: new RelationLinks() };
  return record;
}

/** Calls a page lifecycle or handler by name on the page's `this`. */
export function callPage(record: PageRecord, name: string, args: unknown[] = []): unknown {
  const handler = record.instance[name];
  return invoke(handler, record.instance, args, `${record.path} ${name}`);
}

/**
 * Each page instance gets its own copy of the non-data option fields, as in WeChat. Such fields
 * may hold functions (`mixins: [require('./mixin')]`), which structuredClone cannot copy, so
 * plain objects and arrays are copied deeply and everything else is shared.
 */
function copyOption(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(copyOption(item, seen));
    return out;
  }
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype !== Object.prototype && prototype !== null) return structuredCloneOr(value);
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [key, item] of Object.entries(value)) out[key] = copyOption(item, seen);
  return out;
}

function structuredCloneOr(value: object): unknown {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}
