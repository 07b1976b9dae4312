import type { WxmlEvent } from '../shared/runtime-messages';
import type { MountedElement } from './dom-patch';
import type { VElement } from './vnode';

/** Sends one handler call to the logic layer. */
export type HandlerSink = (owner: number, handler: string, event: WxmlEvent) => void;

/** How an event travels. Built-in components' own events (input, change, ...) do not bubble. */
export interface DispatchOptions {
  bubbles: boolean;
  /** Crosses component boundaries (taps and touches do; triggerEvent only when asked). */
  composed?: boolean;
  capturePhase?: boolean;
  touches?: unknown[];
  changedTouches?: unknown[];
}

/** The nearest element rendered from WXML at or above a DOM node. */
export function closestMounted(node: EventTarget | null): MountedElement | undefined {
  let current = node as (Node & MountedElement) | null;
  while (current && !(current as MountedElement).__v) current = current.parentNode as (Node & MountedElement) | null;
  return current ?? undefined;
}

function describe(el: MountedElement): { id: string; dataset: Record<string, unknown> } {
  const node = el.__v as VElement;
  return { id: typeof node.a.id === 'string' ? node.a.id : '', dataset: { ...(node.d ?? {}) } };
}

/**
 * Dispatches a WXML event from `target` with WeChat's phases: capture from the root down
 * (capture-bind, capture-catch stops everything), then the target and, for bubbling
 * events, its ancestors (bind; catch stops; only the first mut-bind on the path runs).
 * `mark` merges every mark: on the path, nearer nodes winning. Composed events cross component
 * boundaries, with `target` retargeted to the component's host for handlers outside it.
 * Returns the outermost element the event reached (where a catch stopped it, or the last one
 * on its path), or null when a capture-phase catch stopped it before it reached the target:
 * built-ins only react to a tap that reached them (a catchtap inside a navigator keeps it still).
 */
export function dispatchEvent(target: MountedElement, type: string, detail: unknown, options: DispatchOptions, sink: HandlerSink): MountedElement | null {
  const owner = (el: MountedElement): number => (el.__v as VElement).o;
  let path: MountedElement[] = [];
  for (let current: MountedElement | undefined = target; current; current = closestMounted(current.parentNode)) path.push(current);
  // A non-composed event stays in the tree of the template that holds its target.
  if (!options.composed) path = path.filter((el) => owner(el) === owner(target));
  const mark: Record<string, unknown> = {};
  for (let index = path.length - 1; index >= 0; index--) Object.assign(mark, (path[index] as MountedElement).__v?.m ?? {});
  const base = { type, timeStamp: Math.round(performance.now()), detail, mark, touches: options.touches ?? [], changedTouches: options.changedTouches ?? [] };
  // Handlers outside a component see its host as the target, never its inner nodes.
  const targetFor = (el: MountedElement): MountedElement => path.find((candidate) => owner(candidate) === owner(el)) ?? target;
  const fire = (el: MountedElement, handler: unknown): void => {
    if (typeof handler !== 'string' || !handler) return;
    sink(owner(el), handler, { ...base, target: describe(targetFor(el)), currentTarget: describe(el) });
  };
  // Taps and touches have a capture phase; a component's event only when it asks for one.
  for (let index = options.capturePhase ? path.length - 1 : -1; index >= 0; index--) {
    const el = path[index] as MountedElement;
    for (const [kind, eventType, handler] of el.__v?.v ?? []) {
      if (eventType !== type || (kind !== 'capture-bind' && kind !== 'capture-catch')) continue;
      fire(el, handler);
      if (kind === 'capture-catch') return null;
    }
  }
  let mutualFired = false;
  const bubblePath = options.bubbles ? path : path.slice(0, 1);
  for (const el of bubblePath) {
    let stop = false;
    for (const [kind, eventType, handler] of el.__v?.v ?? []) {
      if (eventType !== type) continue;
      if (kind === 'bind') fire(el, handler);
      else if (kind === 'catch') {
        fire(el, handler);
        stop = true;
      } else if (kind === 'mut-bind' && !mutualFired) {
        fire(el, handler);
        mutualFired = true;
      }
    }
    if (stop) return el;
  }
  return bubblePath.at(-1) ?? target;
}

/** Touch list in WeChat's shape from a pointer or mouse event. */
export function touchesOf(event: PointerEvent | MouseEvent): unknown[] {
  const identifier = 'pointerId' in event ? event.pointerId : 0;
  return [{ identifier, pageX: event.pageX, pageY: event.pageY, clientX: event.clientX, clientY: event.clientY, force: 1 }];
}
