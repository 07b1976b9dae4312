import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PackageManifest } from '../../compiler/package-manifest';
import { PackageLoader } from './package-loader';
import { preloadFor } from './preload-rule';

const SHOP_CODE = '__tessera.define("shop/a.js", function () {});\n';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function makeManifest(preloadRule: PackageManifest['app']['preloadRule'] = {}): PackageManifest {
  return {
    format: 1, id: 'x', appId: 'wx', entryPage: 'pages/a',
    app: { pages: ['pages/a'], preloadRule },
    pages: { 'pages/a': { config: {}, styles: [], root: '' }, 'shop/b': { config: {}, styles: [], root: 'shop' }, 'solo/c': { config: {}, styles: [], root: 'solo' } },
    components: {},
    files: { 'subpackages/shop/logic.js': { sha256: sha256(SHOP_CODE), size: SHOP_CODE.length }, 'subpackages/solo/logic.js': { sha256: sha256('1'), size: 1 } },
    sizes: {},
    subpackages: [{ root: 'shop', name: 'store', independent: false, pages: ['shop/b'] }, { root: 'solo', independent: true, pages: ['solo/c'] }],
  };
}

function makeLoader(manifest = makeManifest()): { loader: PackageLoader; requested: string[]; evaluated: string[] } {
  const requested: string[] = [];
  const evaluated: string[] = [];
  const loader = new PackageLoader(manifest, [''], (root) => requested.push(root), (code, url) => evaluated.push(`${url} ${code}`), async (text) => sha256(text));
  return { loader, requested, evaluated };
}

describe('PackageLoader', () => {
  it('asks the host once per package and runs the code when its hash matches the manifest', async () => {
    const { loader, requested, evaluated } = makeLoader();
    expect(loader.packagesFor('shop/b')).toEqual(['', 'shop']);
    expect(loader.packagesFor('solo/c')).toEqual(['solo']);
    const first = loader.ensure(['', 'shop']);
    const second = loader.ensure(['shop']);
    expect(requested).toEqual(['shop']);
    await loader.receive('shop', SHOP_CODE, undefined);
    await Promise.all([first, second]);
    expect(evaluated).toEqual([`tessera:///subpackages/shop/logic.js ${SHOP_CODE}`]);
    expect(loader.isLoaded('shop')).toBe(true);
  });

  it('refuses code that is not the package the manifest names, and lets a later navigation retry', async () => {
    const { loader, requested, evaluated } = makeLoader();
    const loading = loader.ensure(['shop']);
    await loader.receive('shop', `${SHOP_CODE}self.injected = 1;`, undefined);
    await expect(loading).rejects.toThrow('package "shop" could not be loaded: subpackages/shop/logic.js does not match the package manifest');
    expect(evaluated).toEqual([]);
    const retry = loader.ensure(['shop']);
    expect(requested).toEqual(['shop', 'shop']);
    await loader.receive('shop', undefined, 'HTTP 503');
    await expect(retry).rejects.toThrow('could not be loaded: HTTP 503');
  });

  it('opens a package whose code is in the Worker already only when asked, without asking the host', async () => {
    const requested: string[] = [];
    const loader = new PackageLoader(makeManifest(), ['', 'shop', 'solo'], (root) => requested.push(root), undefined, async (text) => sha256(text));
    expect([loader.isLoaded(''), loader.isLoaded('shop')]).toEqual([false, false]);
    expect(loader.openDefined(loader.packagesFor('solo/c'))).toBe(true);
    expect([loader.isLoaded(''), loader.isLoaded('solo')]).toEqual([false, true]);
    await loader.ensure(['', 'shop']);
    expect([loader.isLoaded(''), loader.isLoaded('shop')]).toEqual([true, true]);
    expect(requested).toEqual([]);
    expect([loader.packageOfModule('shop/utils/a.js'), loader.packageOfModule('shopping/a.js'), loader.packageOfModule('utils/a.js')]).toEqual(['shop', '', '']);
  });

  it('resolves preload names: roots, subpackage names and __APP__', () => {
    const { loader } = makeLoader();
    expect([loader.rootOf('shop'), loader.rootOf('store'), loader.rootOf('/shop/'), loader.rootOf('__APP__'), loader.rootOf('nope')]).toEqual(['shop', 'shop', 'shop', '', undefined]);
  });
});

describe('preloadFor', () => {
  const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

  it('preloads on Wi-Fi by default and skips other networks unless the rule says "all"', async () => {
    for (const [network, networkType, expected] of [[undefined, 'wifi', ['shop']], [undefined, '4g', []], ['wifi', '4g', []], ['all', '4g', ['shop']]] as const) {
      const manifest = makeManifest({ 'pages/a': { ...(network ? { network } : {}), packages: ['store'] } });
      const { loader, requested } = makeLoader(manifest);
      preloadFor(manifest, 'pages/a', loader, async () => ({ networkType }));
      await flush();
      expect(requested, `${network ?? 'default'} on ${networkType}`).toEqual(expected);
    }
  });

  it('does nothing for pages without a rule or packages already loaded', async () => {
    const manifest = makeManifest({ 'pages/a': { network: 'all', packages: ['__APP__'] } });
    const { loader, requested } = makeLoader(manifest);
    preloadFor(manifest, 'shop/b', loader, async () => ({ networkType: 'wifi' }));
    preloadFor(manifest, 'pages/a', loader, async () => ({ networkType: 'wifi' }));
    await flush();
    expect(requested).toEqual([]);
  });
});
