import { getAtPath, parseDataPath, type PathSegment } from '../shared/data-path';
import { coerceProperty, type ComponentDefinition } from './component-definition';
import { invoke, invokeAll } from './lifecycle-invoker';
import { setData, type DataOwner } from './set-data';
import type { ViewChannel } from './view-channel';

/** Internal state of a live component or Component()-built page. */
export interface ComponentState extends DataOwner {
  definition: ComponentDefinition;
  instance: Record<string, unknown>;
  /** Observers running now: one may set data that triggers others, but never itself again. */
  running: Set<unknown>;
}

/**
 * Creates the `this` of a component: data, properties, methods, setData, triggerEvent.
 * `ownerId` is the view's id for it (0 when the component is itself a page).
 */
export function createComponentInstance(definition: ComponentDefinition, ownerId: number, channel: ViewChannel, properties: Record<string, unknown>, extras: Record<string, unknown>): ComponentState {
  const data: Record<string, unknown> = structuredClone(definition.data);
  for (const [name, spec] of Object.entries(definition.properties)) {
    data[name] = name in properties ? coerceProperty(spec, properties[name]) : structuredClone(spec.value);
  }
  const instance: Record<string, unknown> = { is: definition.path, id: '', dataset: {}, ...extras };
  const state: ComponentState = {
    definition,
    instance,
    data,
    ownerId,
    channel,
    initialized: false,
    running: new Set(),
    observe: (changed) => runObservers(state, changed, undefined),
  };
  Object.defineProperty(instance, 'data', { get: () => state.data, enumerable: true });
  Object.defineProperty(instance, 'properties', { get: () => state.data, enumerable: false });
  for (const [name, method] of Object.entries(definition.methods)) instance[name] = method;
  instance.setData = (patch: Record<string, unknown>, callback?: () => void) => setData(state, patch, callback && (() => invoke(callback, instance, [], 'setData callback')));
  instance.triggerEvent = (name: string, detail?: unknown, options: { bubbles?: boolean; composed?: boolean; capturePhase?: boolean } = {}) => {
    channel.send({ type: 'component.trigger', id: ownerId, name: name.toLowerCase(), detail: detail === undefined ? {} : structuredClone(detail), bubbles: !!options.bubbles, composed: !!options.composed, capturePhase: !!options.capturePhase });
  };
  instance.hasBehavior = (behavior: unknown) => definition.behaviors.includes(behavior);
  return state;
}

/** Applies new property values from the owner's template, running property observers and observers. */
export function updateProperties(state: ComponentState, properties: Record<string, unknown>): void {
  const patch: Record<string, unknown> = {};
  const previous: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(properties)) {
    const spec = state.definition.properties[name];
    if (!spec) continue;
    const value = coerceProperty(spec, raw);
    if (JSON.stringify(value) === JSON.stringify(state.data[name])) continue;
    previous[name] = state.data[name];
    patch[name] = value === undefined ? null : value;
  }
  if (!Object.keys(patch).length) return;
  const observe = state.observe;
  state.observe = undefined;
  setData(state, patch);
  state.observe = observe;
  runObservers(state, Object.keys(patch).map((name) => [name]), previous);
}

/** Runs observers for the properties the owner's template set at creation, as WeChat does. */
export function observeInitialProperties(state: ComponentState, names: string[]): void {
  const given = names.filter((name) => name in state.definition.properties);
  const defaults = Object.fromEntries(given.map((name) => [name, state.definition.properties[name]?.value]));
  if (given.length) runObservers(state, given.map((name) => [name]), defaults);
}

function runObservers(state: ComponentState, changed: PathSegment[][], previous: Record<string, unknown> | undefined): void {
  const guarded = (key: unknown, work: () => void): void => {
    if (state.running.has(key)) return;
    state.running.add(key);
    try {
      work();
    } finally {
      state.running.delete(key);
    }
  };
  for (const segments of changed) {
    const name = segments[0];
    const spec = typeof name === 'string' && segments.length === 1 ? state.definition.properties[name] : undefined;
    if (!spec?.observer) continue;
    const handler = typeof spec.observer === 'string' ? state.instance[spec.observer] : spec.observer;
    guarded(spec, () => invoke(handler, state.instance, [state.data[name as string], previous?.[name as string]], `property observer ${String(name)}`));
  }
  for (const observer of state.definition.observers) {
    if (!observer.fields.some((field) => changed.some((segments) => fieldMatches(field, segments)))) continue;
    const values = observer.fields.map((field) => getAtPath(state.data, field === '**' ? [] : parseDataPath(field.replace(/\.\*\*$/, ''))));
    guarded(observer, () => invoke(observer.handler, state.instance, values, `observer "${observer.fields.join(', ')}"`));
  }
}

/** True when a setData path touches an observed field (either contains the other). */
export function fieldMatches(field: string, segments: PathSegment[]): boolean {
  if (field === '**') return true;
  // A write to `a` changes `a.b`, and a write to `a.b.c` changes `a.b`: either path may contain the other.
  const watched = parseDataPath(field.endsWith('.**') ? field.slice(0, -3) : field);
  const shared = Math.min(watched.length, segments.length);
  for (let index = 0; index < shared; index++) if (String(watched[index]) !== String(segments[index])) return false;
  return true;
}

/** Runs a lifetime (created, attached, ready, moved, detached) on a component. */
export function runLifetime(state: ComponentState, name: string, args: unknown[] = []): void {
  invokeAll(state.definition.lifetimes[name], state.instance, args, `${state.definition.path} ${name}`);
}

/** Runs a pageLifetimes handler (show, hide, resize) on a component. */
export function runPageLifetime(state: ComponentState, name: string, args: unknown[] = []): void {
  invokeAll(state.definition.pageLifetimes[name], state.instance, args, `${state.definition.path} pageLifetimes.${name}`);
}
