import { packageRootOf } from '../runtime/shared/module-paths';
import type { AppConfig, SubpackageEntry } from './package-manifest';

/**
 * How a compiled package is split: the main package's bundles sit at the top of the package
 * (`logic.js`, `view.js`, `styles.json`), each subpackage's under `subpackages/<root>/`, so the
 * host can fetch and hand over a subpackage only when one of its pages is first opened.
 */
export const BUNDLE_NAMES = ['logic.js', 'view.js', 'styles.json'] as const;
export type BundleName = (typeof BUNDLE_NAMES)[number];

/** The package file holding one bundle of a package ('' is the main package). */
export function bundleFile(root: string, name: BundleName): string {
  return root ? `subpackages/${root}/${name}` : name;
}

/** app.json's subpackages (either spelling) with roots normalised to have no trailing slash. */
export function listSubpackages(app: AppConfig): SubpackageEntry[] {
  const declared = app.subpackages ?? (app.subPackages as AppConfig['subpackages']) ?? [];
  return declared.map((sub) => ({
    root: String(sub.root ?? '').replace(/^\/+|\/+$/g, ''),
    ...(typeof sub.name === 'string' ? { name: sub.name } : {}),
    independent: sub.independent === true,
    pages: (sub.pages ?? []).map((page) => `${String(sub.root ?? '').replace(/^\/+|\/+$/g, '')}/${page}`),
  }));
}

/** The package a project file belongs to: the subpackage whose root holds it, else '' (main). */
export function packageOf(path: string, roots: string[]): string {
  return packageRootOf(path, roots);
}
