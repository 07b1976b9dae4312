import { joinPath, moduleCandidates } from '../shared/module-paths';

export { joinPath };

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

/** The `require` a module sees: synchronous, WeChat's callback form, and `require.async`. */
export type ModuleRequire = ((path: string, success?: unknown, fail?: unknown) => unknown) & { async(path: string): Promise<unknown> };

type ModuleFactory = (require: ModuleRequire, module: { exports: unknown }, exports: unknown, ...globals: unknown[]) => void;

/**
 * Which packages the program has opened, and opening one on demand: a module of a package not
 * opened yet is not defined for `require`, as in WeChat, and `require.async` opens its package.
 */
export interface ModulePackages {
  /** The package ('' for the main package) a module path belongs to. */
  rootOf(path: string): string;
  isLoaded(root: string): boolean;
  /** Resolves once the package's modules are defined; rejects with why it could not be loaded. */
  ensure(roots: string[]): Promise<void>;
  /** The module a `require.async` literal was resolved to when the package was compiled. */
  compiled?(from: string, request: string): string | undefined;
}

/** A failed `require.async`: an Error that also carries WeChat's `{ mod, errMsg }` fields. */
export class AsyncRequireError extends Error {
  readonly mod: string;
  readonly errMsg: string;

  constructor(mod: string, message: string) {
    super(message);
    this.name = 'AsyncRequireError';
    this.mod = mod;
    this.errMsg = message;
  }
}

/**
 * CommonJS-style modules for the logic layer. Modules run on first require; `loadingPath`
 * tells Page() and Component() which file is registering itself.
 */
export class ModuleRegistry {
  private readonly factories = new Map<string, ModuleFactory>();
  private readonly cache = new Map<string, { exports: unknown }>();
  private readonly loading: string[] = [];
  globals: ModuleGlobals | undefined;
  /** Set at boot; until then every defined module counts as available. */
  packages: ModulePackages | undefined;

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
    if (!path) throw new Error(`module "${this.describe(request, from)}" is not defined${from ? ` (required from ${from})` : ''}`);
    const cached = this.cache.get(path);
    if (cached) return cached.exports;
    const module = { exports: {} as unknown };
    this.cache.set(path, module);
    const factory = this.factories.get(path) as ModuleFactory;
    const globals = this.globals as ModuleGlobals;
    this.loading.push(path);
    try {
      factory(this.requireFor(path), module, module.exports, globals.App, globals.Page, globals.Component, globals.Behavior, globals.getApp, globals.getCurrentPages, globals.wx, globals.requirePlugin);
    } catch (error) {
      this.cache.delete(path);
      throw error;
    } finally {
      this.loading.pop();
    }
    return module.exports;
  }

  /**
   * `require.async`: opens the package that holds the module (through the host, as opening one of
   * its pages does), then requires it. Rejects with an AsyncRequireError naming the module and,
   * when that is why, the package that could not be loaded.
   */
  async requireAsync(request: string, from = ''): Promise<unknown> {
    const packages = this.packages;
    const known = packages?.compiled?.(from, request);
    const target = known ?? this.resolve(request, from);
    const mod = target ?? this.describe(request, from);
    const where = from ? ` (required from ${from})` : '';
    if (packages && !(target && packages.isLoaded(packages.rootOf(target)))) {
      // Not openable yet: the packages its candidate files would belong to (usually one).
      const roots = [...new Set((known ? [known] : moduleCandidates(request, from)).map((path) => packages.rootOf(path)))].filter((root) => !packages.isLoaded(root));
      try {
        await packages.ensure(roots);
      } catch (error) {
        throw new AsyncRequireError(mod, `require.async: module "${mod}"${where} could not be loaded: ${(error as Error).message}`);
      }
    }
    const path = known !== undefined ? this.resolve(`/${known}`) : this.resolve(request, from);
    if (!path) throw new AsyncRequireError(mod, `require.async: module "${mod}" is not defined${where}`);
    return this.require(path);
  }

  private requireFor(from: string): ModuleRequire {
    const local = (request: string, success?: unknown, fail?: unknown): unknown => {
      // WeChat's callback form of an asynchronous cross-package require.
      if (typeof success === 'function' || typeof fail === 'function') {
        this.requireAsync(request, from).then(
          (exports) => (typeof success === 'function' ? success(exports) : undefined),
          (error: unknown) => (typeof fail === 'function' ? fail(error) : console.error((error as Error).message)),
        );
        return undefined;
      }
      return this.require(request, from);
    };
    return Object.assign(local, { async: (request: string) => this.requireAsync(request, from) });
  }

  /** How an unresolved request is named in errors: the path it most plainly means. */
  private describe(request: string, from: string): string {
    return request.startsWith('.') || request.startsWith('/') ? (moduleCandidates(request, from)[0] as string) : request;
  }

  private resolve(request: string, from = ''): string | undefined {
    const packages = this.packages;
    return moduleCandidates(request, from).find((candidate) => this.factories.has(candidate) && (!packages || packages.isLoaded(packages.rootOf(candidate))));
  }
}
