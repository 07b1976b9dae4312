/** What a compiled module's wrapper receives after require, module and exports. */
export interface ModuleGlobals {
  App: unknown;
  Page: unknown;
  Component: unknown;
  Behavior: unknown;
  getApp: unknown;
  getCurrentPages: unknown;
  wx: unknown;
  requirePlugin: unknown;
}

type ModuleFactory = (require: (path: string) => unknown, module: { exports: unknown }, exports: unknown, ...globals: unknown[]) => void;

/**
 * CommonJS-style modules for the logic layer. Modules run on first require; `loadingPath`
 * tells Page() and Component() which file is registering itself.
 */
export class ModuleRegistry {
  private readonly factories = new Map<string, ModuleFactory>();
  private readonly cache = new Map<string, { exports: unknown }>();
  private readonly loading: string[] = [];
  globals: ModuleGlobals | undefined;

  define(path: string, factory: ModuleFactory): void {
    this.factories.set(path, factory);
  }

  has(path: string): boolean {
    return this.resolve(path) !== undefined;
  }

  /** The module currently being evaluated, innermost first. */
  get loadingPath(): string | undefined {
    return this.loading[this.loading.length - 1];
  }

  require(request: string, from = ''): unknown {
    const path = this.resolve(request, from);
    if (!path) throw new Error(`module "${request}" is not defined${from ? ` (required from ${from})` : ''}`);
    const cached = this.cache.get(path);
    if (cached) return cached.exports;
    const module = { exports: {} as unknown };
    this.cache.set(path, module);
    const factory = this.factories.get(path) as ModuleFactory;
    const globals = this.globals as ModuleGlobals;
    this.loading.push(path);
    try {
      factory((next) => this.require(next, path), module, module.exports, globals.App, globals.Page, globals.Component, globals.Behavior, globals.getApp, globals.getCurrentPages, globals.wx, globals.requirePlugin);
    } catch (error) {
      this.cache.delete(path);
      throw error;
    } finally {
      this.loading.pop();
    }
    return module.exports;
  }

  private resolve(request: string, from = ''): string | undefined {
    const base = request.startsWith('/') ? request.slice(1) : request.startsWith('.') ? joinPath(dirname(from), request) : request;
    const candidates = [base, `${base}.js`, `${base}/index.js`];
    if (!request.startsWith('.') && !request.startsWith('/')) {
      candidates.push(joinPath(dirname(from), `${request}.js`), joinPath(dirname(from), request), `miniprogram_npm/${request}/index.js`, `miniprogram_npm/${request}.js`);
    }
    return candidates.find((candidate) => this.factories.has(candidate));
  }
}

function dirname(path: string): string {
  const index = path.lastIndexOf('/');
  return index < 0 ? '' : path.slice(0, index);
}

/** Joins and normalises POSIX paths (no leading slash in the result). */
export function joinPath(base: string, relative: string): string {
  const parts = base ? base.split('/') : [];
  for (const part of relative.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}
