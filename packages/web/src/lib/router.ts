import { useSyncExternalStore } from 'react';

/**
 * A small history-API router: the app has a dozen screens and needs no more than the path,
 * navigation and back.
 */
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current path, re-rendering on navigation. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** Goes to a path; `replace` swaps the history entry instead of pushing one. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === window.location.pathname) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState({ depth: historyDepth() + 1 }, '', path);
  notify();
}

function historyDepth(): number {
  const state = window.history.state as { depth?: number } | null;
  return state?.depth ?? 0;
}

/** Back within the app, or to `fallback` when the screen was opened directly. */
export function goBack(fallback: string): void {
  if (historyDepth() > 0) window.history.back();
  else navigate(fallback, { replace: true });
}

/** Matches `pattern` (segments, `:name` captures) against `path`. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let index = 0; index < want.length; index += 1) {
    const segment = want[index]!;
    const actual = have[index]!;
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(actual);
    else if (segment !== actual) return null;
  }
  return params;
}
