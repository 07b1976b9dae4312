import type { PathSegment } from '../shared/data-path';

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Applies a setData path in the view without mutating what earlier renders saw: every object
 * or array on the path is copied once per batch (`copied` remembers which are fresh). Objects
 * off the path keep their identity, which lets loop rendering reuse the nodes of rows whose
 * data did not change.
 */
export function setAtPathCopying(root: Record<string, unknown>, segments: PathSegment[], value: unknown, copied: Set<object>): Record<string, unknown> {
  const top = copied.has(root) ? root : { ...root };
  copied.add(top);
  let target: Record<string | number, unknown> = top;
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index] as PathSegment;
    if (typeof segment === 'string' && UNSAFE_KEYS.has(segment)) throw new Error(`setData path may not contain "${segment}"`);
    if (index === segments.length - 1) {
      target[segment] = value;
      break;
    }
    let next = target[segment];
    if (next !== null && typeof next === 'object') {
      if (!copied.has(next)) {
        next = Array.isArray(next) ? next.slice() : { ...(next as Record<string, unknown>) };
        copied.add(next as object);
        target[segment] = next;
      }
    } else {
      next = typeof segments[index + 1] === 'number' ? [] : {};
      copied.add(next as object);
      target[segment] = next;
    }
    target = next as Record<string | number, unknown>;
  }
  return top;
}
