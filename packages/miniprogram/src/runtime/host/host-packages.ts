import type { PackageManifest } from '../../compiler/package-manifest';

/** One package's bundles: the main package's or a subpackage's. */
export interface PackageBundles {
  logicJs: string;
  viewJs: string;
  styles: Record<string, string>;
}

/** Where the host gets bundles from: those it was given, then `load` for the rest. */
export interface PackageSource {
  manifest: PackageManifest;
  main: PackageBundles;
  subpackages?: Record<string, PackageBundles>;
  load?(root: string): Promise<PackageBundles>;
}

/**
 * The host's side of subpackage loading: fetches a subpackage's bundles once, the first time
 * the logic layer asks for them (a page of it opens, or a preload rule names it), and keeps
 * them for the views of its pages.
 */
export class HostPackages {
  private readonly ready = new Map<string, PackageBundles>();
  private readonly loading = new Map<string, Promise<PackageBundles>>();

  constructor(private readonly source: PackageSource) {
    this.ready.set('', source.main);
    for (const [root, bundles] of Object.entries(source.subpackages ?? {})) this.ready.set(root, bundles);
  }

  /** Roots of every subpackage in the manifest. */
  get roots(): string[] {
    return (this.source.manifest.subpackages ?? []).map((sub) => sub.root);
  }

  /** The packages a page needs, main first; an independent subpackage needs only itself. */
  packagesFor(path: string): string[] {
    const root = this.source.manifest.pages[path]?.root ?? '';
    if (!root) return [''];
    return this.isIndependent(root) ? [root] : ['', root];
  }

  isIndependent(root: string): boolean {
    return (this.source.manifest.subpackages ?? []).some((sub) => sub.root === root && sub.independent);
  }

  /** Bundles already at hand. */
  get(root: string): PackageBundles | undefined {
    return this.ready.get(root);
  }

  /** Bundles of one package, fetched on first use. */
  fetch(root: string): Promise<PackageBundles> {
    const ready = this.ready.get(root);
    if (ready) return Promise.resolve(ready);
    let loading = this.loading.get(root);
    if (!loading) {
      if (!this.roots.includes(root)) return Promise.reject(new Error(`no subpackage "${root}" in this package`));
      const load = this.source.load;
      if (!load) return Promise.reject(new Error(`subpackage "${root}" was not provided and the host has no loader`));
      loading = load(root).then(
        (bundles) => {
          this.ready.set(root, bundles);
          this.loading.delete(root);
          return bundles;
        },
        (error: unknown) => {
          // A failed fetch may be retried by the next navigation.
          this.loading.delete(root);
          throw error;
        },
      );
      this.loading.set(root, loading);
    }
    return loading;
  }

  /** The view code and styles a page's frame needs (its packages must be fetched already). */
  viewParts(path: string): { viewJs: string; styles: Record<string, string> } {
    const parts = this.packagesFor(path).map((root) => this.ready.get(root));
    const missing = parts.findIndex((part) => part === undefined);
    if (missing >= 0) throw new Error(`package "${this.packagesFor(path)[missing] || 'main'}" of page "${path}" is not loaded`);
    const present = parts as PackageBundles[];
    return { viewJs: present.map((part) => part.viewJs).join('\n'), styles: Object.assign({}, ...present.map((part) => part.styles)) as Record<string, string> };
  }
}
