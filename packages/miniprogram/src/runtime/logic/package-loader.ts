import type { PackageManifest } from '../../compiler/package-manifest';
import { moduleLineMap } from '../shared/module-lines';
import { packageRootOf } from '../shared/module-paths';
import { LOGIC_POLICY_NAME } from '../shared/trusted-code';
import { sha256Hex } from '../shared/sha256';
import { evaluatedLineMaps } from './worker-console';

/**
 * Runs a bundle of `__tessera.define` modules that arrived as data. Built once in logic-main
 * before any mini-program code runs, from a Trusted Types policy only the runtime holds (see
 * `createCodeEvaluator`); undefined when this Worker cannot evaluate code at all.
 */
export type CodeEvaluator = (code: string, sourceUrl: string) => void;

/** SHA-256 of a text as lowercase hex. */
export type TextDigest = (text: string) => Promise<string>;

/**
 * Which packages' modules the logic layer holds, and fetching the rest through the host when a
 * page of theirs is first opened or a preload rule names them, as WeChat loads subpackages.
 */
export class PackageLoader {
  /** Packages whose modules are defined in this Worker (its script's, and those received). */
  private readonly defined: Set<string>;
  /** Packages the program has opened: only their modules are defined for `require`. */
  private readonly loaded = new Set<string>();
  private readonly pending = new Map<string, { promise: Promise<void>; settle(error?: Error): void }>();
  private readonly roots: string[];

  constructor(
    private readonly manifest: PackageManifest,
    defined: string[],
    private readonly request: (root: string) => void,
    private readonly evaluate: CodeEvaluator | undefined,
    private readonly digest: TextDigest,
  ) {
    this.defined = new Set(defined);
    this.roots = (manifest.subpackages ?? []).map((sub) => sub.root);
  }

  isLoaded(root: string): boolean {
    return this.loaded.has(root);
  }

  /**
   * Opens, at once, those of the packages whose code is here already (without late code, every
   * package's is from the start); says whether all of them are open now.
   */
  openDefined(roots: string[]): boolean {
    for (const root of roots) if (this.defined.has(root)) this.loaded.add(root);
    return roots.every((root) => this.loaded.has(root));
  }

  /** The package ('' for the main package) a module path belongs to. */
  packageOfModule(path: string): string {
    return packageRootOf(path, this.roots);
  }

  /** The module the compiler resolved a `require.async` literal of `from` to, if it was one. */
  compiledTarget(from: string, request: string): string | undefined {
    return this.manifest.asyncModules?.[from]?.[request];
  }

  /** The packages a page needs, main first: an independent subpackage needs only itself. */
  packagesFor(path: string): string[] {
    const root = this.manifest.pages[path]?.root ?? '';
    if (!root) return [''];
    const independent = this.manifest.subpackages?.find((sub) => sub.root === root)?.independent === true;
    return independent ? [root] : ['', root];
  }

  /** A root from a preload rule entry: a root, a subpackage name, or `__APP__` for the main package. */
  rootOf(nameOrRoot: string): string | undefined {
    if (nameOrRoot === '__APP__') return '';
    const trimmed = nameOrRoot.replace(/^\/+|\/+$/g, '');
    return this.manifest.subpackages?.find((sub) => sub.root === trimmed || sub.name === nameOrRoot)?.root;
  }

  /** Resolves when every listed package's modules are defined. */
  ensure(roots: string[]): Promise<void> {
    return Promise.all(roots.map((root) => this.load(root))).then(() => undefined);
  }

  /** The host's answer to a `package.load` request. */
  async receive(root: string, code: string | undefined, error: string | undefined): Promise<void> {
    const waiting = this.pending.get(root);
    if (!waiting) return;
    if (code === undefined) {
      waiting.settle(new Error(error ?? 'no code'));
      return;
    }
    try {
      await this.run(root, code);
      waiting.settle();
    } catch (failure) {
      waiting.settle(failure instanceof Error ? failure : new Error(String(failure)));
    }
  }

  private load(root: string): Promise<void> {
    if (this.openDefined([root])) return Promise.resolve();
    const existing = this.pending.get(root);
    if (existing) return existing.promise;
    let settle: (error?: Error) => void = () => {};
    const promise = new Promise<void>((resolve, reject) => {
      settle = (error) => {
        this.pending.delete(root);
        if (error) reject(new Error(`package "${root || 'main'}" could not be loaded: ${error.message}`));
        else resolve();
      };
    });
    this.pending.set(root, { promise, settle });
    this.request(root);
    return promise;
  }

  private async run(root: string, code: string): Promise<void> {
    if (!this.evaluate) throw new Error('this browser cannot load code after start (no Trusted Types in workers)');
    // Only the package's own bundle runs: the manifest the Worker booted with names its hash.
    const file = root ? `subpackages/${root}/logic.js` : 'logic.js';
    const expected = this.manifest.files[file]?.sha256;
    const actual = await this.digest(code);
    if (expected === undefined || actual !== expected) throw new Error(`${file} does not match the package manifest`);
    const sourceUrl = `tessera:///${file}`;
    evaluatedLineMaps.set(sourceUrl, moduleLineMap(code, 0));
    this.evaluate(code, sourceUrl);
    this.defined.add(root);
    this.loaded.add(root);
  }
}

interface TrustedPolicyFactory {
  createPolicy(name: string, rules: { createScript(input: string): string }): { createScript(input: string): unknown };
}

/**
 * Captures, before any mini-program code runs, what evaluating a package bundle needs: a
 * Trusted Types policy (the CSP lets exactly one policy of this name exist, and requires
 * trusted scripts for eval, so strings passed to eval, Function or setTimeout by the program
 * still fail) and the original `eval` and policy method, so a program that later replaces
 * globals or prototypes cannot intercept them.
 */
export function createCodeEvaluator(scope: Record<string, unknown>): CodeEvaluator | undefined {
  const factory = scope.trustedTypes as TrustedPolicyFactory | undefined;
  if (!factory || typeof factory.createPolicy !== 'function') return undefined;
  let policy: { createScript(input: string): unknown };
  try {
    policy = factory.createPolicy(LOGIC_POLICY_NAME, { createScript: (input) => input });
  } catch {
    return undefined;
  }
  const createScript = policy.createScript.bind(policy);
  const globalEval = scope.eval as (code: unknown) => unknown;
  return (code, sourceUrl) => {
    // Called through a captured reference, this is an indirect eval: the bundle runs at global
    // scope, like the scripts of the main package.
    globalEval(createScript(`${code}\n//# sourceURL=${sourceUrl}`));
  };
}

/**
 * SHA-256 through Web Crypto where the Worker has it (captured at start for the same reason),
 * else computed here: the opaque-origin sandbox usually has no `crypto.subtle`.
 */
export function createTextDigest(scope: Record<string, unknown>): TextDigest {
  const subtle = (scope.crypto as Crypto | undefined)?.subtle;
  if (!subtle) return async (text) => sha256Hex(text);
  const digest = subtle.digest.bind(subtle);
  const Encoder = TextEncoder;
  return async (text) => {
    const bytes = new Uint8Array(await digest('SHA-256', new Encoder().encode(text)));
    return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  };
}
