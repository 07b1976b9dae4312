import { convertRpx } from '../shared/rpx';
import { isElement, type VElement, type VNode, type VText } from './vnode';

/** Hooks the patcher calls for custom components and built-in component behaviour. */
export interface PatchHooks {
  createComponent(node: VElement): void;
  updateComponent(previous: VElement, next: VElement): void;
  removeComponent(node: VElement): void;
  /** A kept component host changed place among its siblings (a keyed list reordered). */
  moveComponent?(node: VElement): void;
  /** Sets up a built-in's inner structure; returns the element children go into. */
  createBuiltIn(node: VElement): HTMLElement;
  updateBuiltIn(node: VElement, previous: VElement | undefined): void;
}

/** Elements keep their virtual node so events can find dataset, mark and handlers. */
export interface MountedElement extends HTMLElement {
  __v?: VElement;
  __content?: HTMLElement;
}

const SAFE_ATTRIBUTE = /^[a-zA-Z_][\w:.-]*$/;

/** The DOM tag a node renders as: custom components keep their tag, built-ins get `wx-`. */
export function domTag(node: VElement): string {
  if (node.p) return /^[a-z][a-z0-9]*-[a-z0-9-]*$/.test(node.t) ? node.t : `wx-c-${node.t.replace(/[^a-z0-9-]/gi, '')}`;
  return `wx-${node.t.replace(/[^a-z0-9-]/gi, '')}`;
}

/** Creates the DOM for a node and its subtree. */
export function createNode(node: VNode, hooks: PatchHooks): Node {
  if (!isElement(node)) {
    node.el = document.createTextNode(node.x);
    return node.el;
  }
  const el = document.createElement(domTag(node)) as MountedElement;
  el.__v = node;
  node.el = el;
  setAttributes(el, node.a, undefined);
  if (node.p) {
    hooks.createComponent(node);
    return el;
  }
  const content = hooks.createBuiltIn(node);
  if (content !== el) el.__content = content;
  if (node.c.length) {
    const fragment = document.createDocumentFragment();
    for (const child of node.c) fragment.appendChild(createNode(child, hooks));
    content.appendChild(fragment);
  }
  hooks.updateBuiltIn(node, undefined);
  return el;
}

/** Brings `previous`'s DOM in line with `next` and moves the DOM reference over. */
export function patchNode(previous: VNode, next: VNode, hooks: PatchHooks): void {
  if (previous === next) return;
  if (!isElement(previous) || !isElement(next)) {
    const text = (next as VText).x;
    const el = (previous as VText).el as Text;
    if ((previous as VText).x !== text) el.data = text;
    (next as VText).el = el;
    return;
  }
  const el = previous.el as MountedElement;
  next.el = el;
  // Only component hosts carry an instance id; adding the field to every node would change its shape.
  if (previous.ci !== undefined) next.ci = previous.ci;
  el.__v = next;
  setAttributes(el, next.a, previous.a);
  if (next.p) {
    hooks.updateComponent(previous, next);
    return;
  }
  patchChildren(el.__content ?? el, previous.c, next.c, hooks);
  hooks.updateBuiltIn(next, previous);
}

/**
 * Patches a list of children. Keyed nodes (wx:key) are matched by key, the rest by position
 * and type; DOM nodes move only when their order changed.
 */
export function patchChildren(parent: HTMLElement, previous: VNode[], next: VNode[], hooks: PatchHooks): void {
  if (previous === next) return;
  if (!previous.length) {
    if (!next.length) return;
    const fragment = document.createDocumentFragment();
    for (const child of next) fragment.appendChild(createNode(child, hooks));
    parent.appendChild(fragment);
    return;
  }
  if (!next.length) {
    for (const child of previous) releaseNode(child, hooks);
    if (parent.childNodes.length === previous.length) parent.textContent = '';
    else for (const child of previous) child.el?.parentNode?.removeChild(child.el);
    return;
  }
  if (!hasKeys(previous) && !hasKeys(next)) {
    patchByPosition(parent, previous, next, hooks);
    return;
  }
  // The common keyed update (same items, same order, some fields changed) needs no key maps.
  if (sameKeysInOrder(previous, next)) {
    for (let index = 0; index < next.length; index++) patchNode(previous[index] as VNode, next[index] as VNode, hooks);
    return;
  }
  const keyed = new Map<string, VElement>();
  const positions = new Map<VNode, number>();
  const unkeyed: VNode[] = [];
  previous.forEach((child, index) => {
    positions.set(child, index);
    if (isElement(child) && child.k !== undefined) keyed.set(child.k, child);
    else unkeyed.push(child);
  });
  const reused = new Set<VNode>();
  let cursor = 0;
  let lastPosition = -1;
  let reorder = false;
  for (const child of next) {
    let match: VNode | undefined;
    if (isElement(child) && child.k !== undefined) {
      const candidate = keyed.get(child.k);
      if (candidate && candidate.t === child.t && candidate.p === child.p && !reused.has(candidate)) match = candidate;
    } else {
      const candidate = unkeyed[cursor];
      if (candidate && sameKind(candidate, child)) {
        match = candidate;
        cursor++;
      }
    }
    if (match) {
      reused.add(match);
      patchNode(match, child, hooks);
      const position = positions.get(match) as number;
      if (position < lastPosition) reorder = true;
      lastPosition = position;
    } else {
      createNode(child, hooks);
      reorder = true;
    }
  }
  for (const child of previous) {
    if (reused.has(child)) continue;
    releaseNode(child, hooks);
    child.el?.parentNode?.removeChild(child.el);
  }
  // Updates in place (every kept node in its old order, nothing new) need no DOM moves at all.
  if (!reorder) return;
  let reference: Node | null = null;
  for (let index = next.length - 1; index >= 0; index--) {
    const el = (next[index] as VNode).el as Node;
    if (el.parentNode !== parent || el.nextSibling !== reference) {
      // A node already in place that has to be re-inserted moved; its components hear of it.
      if (el.parentNode === parent && hooks.moveComponent) reportMoved(next[index] as VNode, hooks);
      parent.insertBefore(el, reference);
    }
    reference = el;
  }
}

function sameKeysInOrder(previous: VNode[], next: VNode[]): boolean {
  if (previous.length !== next.length) return false;
  for (let index = 0; index < next.length; index++) {
    const a = previous[index] as VNode;
    const b = next[index] as VNode;
    if (isElement(a) !== isElement(b)) return false;
    if (isElement(a) && isElement(b) && (a.k !== b.k || a.t !== b.t || a.p !== b.p)) return false;
  }
  return true;
}

function hasKeys(list: VNode[]): boolean {
  for (const child of list) if (isElement(child) && child.k !== undefined) return true;
  return false;
}

/** Lists without wx:key (most element children) patch pairwise, with no maps to build. */
function patchByPosition(parent: HTMLElement, previous: VNode[], next: VNode[], hooks: PatchHooks): void {
  const shared = Math.min(previous.length, next.length);
  for (let index = 0; index < shared; index++) {
    const old = previous[index] as VNode;
    const child = next[index] as VNode;
    if (sameKind(old, child)) {
      patchNode(old, child, hooks);
      continue;
    }
    releaseNode(old, hooks);
    parent.replaceChild(createNode(child, hooks), old.el as Node);
  }
  for (let index = shared; index < previous.length; index++) {
    const old = previous[index] as VNode;
    releaseNode(old, hooks);
    old.el?.parentNode?.removeChild(old.el);
  }
  if (next.length > shared) {
    const fragment = document.createDocumentFragment();
    for (let index = shared; index < next.length; index++) fragment.appendChild(createNode(next[index] as VNode, hooks));
    const after = (previous[shared - 1]?.el ?? null) as Node | null;
    parent.insertBefore(fragment, after ? after.nextSibling : parent.firstChild);
  }
}

function sameKind(a: VNode, b: VNode): boolean {
  if (!isElement(a)) return !isElement(b);
  return isElement(b) && a.t === b.t && a.p === b.p && b.k === undefined;
}

/** Tells the components at the top of a moved subtree (not those inside them) that they moved. */
function reportMoved(node: VNode, hooks: PatchHooks): void {
  if (!isElement(node)) return;
  if (node.p) hooks.moveComponent?.(node);
  else for (const child of node.c) reportMoved(child, hooks);
}

/** Tells components inside a subtree that it is going away. */
export function releaseNode(node: VNode, hooks: PatchHooks): void {
  if (!isElement(node)) return;
  if (node.p) {
    hooks.removeComponent(node);
    return;
  }
  for (const child of node.c) releaseNode(child, hooks);
}

function setAttributes(el: HTMLElement, next: Record<string, unknown>, previous: Record<string, unknown> | undefined): void {
  for (const name in next) {
    const value = next[name];
    if (previous && previous[name] === value) continue;
    setAttribute(el, name, value);
  }
  if (previous) for (const name in previous) if (!(name in next)) setAttribute(el, name, undefined);
}

function setAttribute(el: HTMLElement, name: string, value: unknown): void {
  switch (name) {
    case 'class':
      el.className = value === undefined || value === null ? '' : String(value);
      return;
    case 'style':
      el.style.cssText = value === undefined || value === null ? '' : convertRpx(String(value));
      return;
    case 'id':
      el.id = value === undefined || value === null ? '' : String(value);
      return;
    case 'hidden':
      el.hidden = !!value && value !== 'false';
      return;
  }
  // Event handler attributes never reach the DOM; they would be inline script.
  if (!SAFE_ATTRIBUTE.test(name) || /^on/i.test(name)) return;
  if (value === undefined || value === null || value === false) el.removeAttribute(name);
  else if (typeof value !== 'object') el.setAttribute(name, value === true ? '' : String(value));
}
