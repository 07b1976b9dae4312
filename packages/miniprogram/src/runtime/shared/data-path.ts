/** One step of a setData path: an object key or an array index. */
export type PathSegment = string | number;

/**
 * Parses a setData key such as `a.b[2].c` into segments. Dots separate keys, `[n]` indexes
 * arrays; a backslash escapes a literal dot or bracket, as WeChat allows.
 */
export function parseDataPath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let current = '';
  let hasCurrent = false;
  for (let index = 0; index < path.length; index++) {
    const char = path[index] as string;
    if (char === '\\' && index + 1 < path.length) {
      current += path[++index];
      hasCurrent = true;
    } else if (char === '.') {
      if (hasCurrent) segments.push(current);
      current = '';
      hasCurrent = false;
    } else if (char === '[') {
      if (hasCurrent) segments.push(current);
      const close = path.indexOf(']', index);
      const number = Number(path.slice(index + 1, close));
      if (close < 0 || !Number.isInteger(number) || number < 0) throw new Error(`bad array index in setData path "${path}"`);
      segments.push(number);
      current = '';
      hasCurrent = false;
      index = close;
    } else {
      current += char;
      hasCurrent = true;
    }
  }
  if (hasCurrent) segments.push(current);
  if (!segments.length) throw new Error(`empty setData path "${path}"`);
  return segments;
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Sets `value` at `segments` inside `root`, creating objects or arrays on the way. */
export function setAtPath(root: Record<string, unknown>, segments: PathSegment[], value: unknown): void {
  let target: Record<string | number, unknown> = root;
  for (let index = 0; index < segments.length - 1; index++) {
    const segment = segments[index] as PathSegment;
    if (typeof segment === 'string' && UNSAFE_KEYS.has(segment)) throw new Error(`setData path may not contain "${segment}"`);
    let next = target[segment];
    if (next === null || typeof next !== 'object') {
      next = typeof segments[index + 1] === 'number' ? [] : {};
      target[segment] = next;
    }
    target = next as Record<string | number, unknown>;
  }
  const last = segments[segments.length - 1] as PathSegment;
  if (typeof last === 'string' && UNSAFE_KEYS.has(last)) throw new Error(`setData path may not contain "${last}"`);
  target[last] = value;
}

/** Reads the value at `segments`, or undefined when any step is missing. */
export function getAtPath(root: unknown, segments: PathSegment[]): unknown {
  let current = root;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}
