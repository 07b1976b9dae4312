import type { MountedElement } from './dom-patch';

/**
 * Every component instance in a page, in document order (a host before the components inside
 * it). Sent with moves so the logic layer can keep relation nodes in the order they now appear.
 */
export function componentOrder(root: Node): number[] {
  const ids: number[] = [];
  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode() as MountedElement | null; node; node = walker.nextNode() as MountedElement | null) {
    const id = node.__v?.ci;
    if (node.__v?.p && id !== undefined) ids.push(id);
  }
  return ids;
}
