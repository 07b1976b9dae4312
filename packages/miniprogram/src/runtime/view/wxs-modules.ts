type WxsFactory = (require: (path: string) => unknown, module: { exports: unknown }, exports: unknown, getRegExp: unknown, getDate: unknown) => void;

const factories = new Map<string, WxsFactory>();
const cache = new Map<string, unknown>();

/** Registers a compiled wxs module (called by the package's view.js). */
export function defineWxs(id: string, factory: WxsFactory): void {
  factories.set(id, factory);
}

/** WXS builds regular expressions and dates through these instead of literals and `new`. */
const getRegExp = (pattern: string, flags?: string): RegExp => new RegExp(pattern, flags);
const getDate = (...args: unknown[]): Date => (args.length ? new Date(...(args as [string])) : new Date());

/** Runs a wxs module once and returns its exports. */
export function requireWxs(id: string): unknown {
  if (cache.has(id)) return cache.get(id);
  const factory = factories.get(id);
  if (!factory) throw new Error(`wxs module ${id} is not in the package`);
  const module = { exports: {} as unknown };
  cache.set(id, module.exports);
  const base = id.split('#')[0] as string;
  factory((path) => requireWxs(resolveWxs(base, path)), module, module.exports, getRegExp, getDate);
  cache.set(id, module.exports);
  return module.exports;
}

function resolveWxs(from: string, path: string): string {
  if (path.startsWith('/')) return path.slice(1);
  const parts = from.split('/').slice(0, -1);
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  return parts.join('/');
}
