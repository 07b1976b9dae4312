import type { PackageManifest } from '../../compiler/package-manifest';
import type { PackageLoader } from './package-loader';

/**
 * app.json `preloadRule`: when a page listed there is shown, the packages it names (roots,
 * subpackage names, or `__APP__` for the main package) are fetched ahead of the user opening
 * them. `network` is "wifi" by default, as in WeChat, so the preload waits for Wi-Fi unless the
 * rule says "all". Preloading only defines the modules; nothing in them runs until a page opens.
 */
export function preloadFor(manifest: PackageManifest, path: string | undefined, loader: PackageLoader, callHost: (name: string, args: unknown) => Promise<unknown>): void {
  const rule = path === undefined ? undefined : manifest.app.preloadRule?.[path];
  if (!rule || !Array.isArray(rule.packages)) return;
  const roots = rule.packages.map((name) => loader.rootOf(String(name))).filter((root): root is string => root !== undefined && !loader.isLoaded(root));
  const unknown = rule.packages.filter((name) => loader.rootOf(String(name)) === undefined);
  if (unknown.length) console.warn(`preloadRule of "${path}": no subpackage ${unknown.map((name) => `"${String(name)}"`).join(', ')}`);
  if (!roots.length) return;
  const network = rule.network === 'all' ? 'all' : 'wifi';
  const allowed = network === 'all' ? Promise.resolve(true) : callHost('getNetworkType', {}).then((result) => (result as { networkType?: string }).networkType === 'wifi', () => false);
  void allowed
    .then((go) => (go ? loader.ensure(roots) : undefined))
    .catch((error: unknown) => console.warn(`preloadRule of "${path}": ${(error as Error).message}`));
}
