import { describe, expect, it } from 'vitest';
import { AsyncRequireError, ModuleRegistry, type ModulePackages } from './module-registry';
import { packageRootOf } from '../shared/module-paths';

const GLOBALS = { App: null, Page: null, Component: null, Behavior: null, getApp: null, getCurrentPages: null, wx: null, requirePlugin: null };

/** A registry over main + `shop`, where `shop` opens when ensured (or fails with `failure`). */
function makeRegistry(failure?: string): { registry: ModuleRegistry; ensured: string[][]; loaded: Set<string> } {
  const registry = new ModuleRegistry();
  registry.globals = GLOBALS;
  const loaded = new Set(['']);
  const ensured: string[][] = [];
  const packages: ModulePackages = {
    rootOf: (path) => packageRootOf(path, ['shop']),
    isLoaded: (root) => loaded.has(root),
    ensure: async (roots) => {
      ensured.push(roots);
      if (failure) throw new Error(`package "${roots[0] ?? ''}" could not be loaded: ${failure}`);
      for (const root of roots) loaded.add(root);
    },
    compiled: (from, request) => (from === 'pages/a.js' && request === 'cart' ? 'shop/cart.js' : undefined),
  };
  registry.packages = packages;
  registry.define('shop/cart.js', (_require, module) => {
    module.exports = { total: 3 };
  });
  registry.define('utils/x.js', (_require, module) => {
    module.exports = 'x';
  });
  return { registry, ensured, loaded };
}

describe('ModuleRegistry.requireAsync', () => {
  it('opens the package of a module before requiring it; a plain require fails until then', async () => {
    const { registry, ensured } = makeRegistry();
    expect(() => registry.require('../shop/cart.js', 'pages/a.js')).toThrow('module "shop/cart.js" is not defined (required from pages/a.js)');
    await expect(registry.requireAsync('../shop/cart', 'pages/a.js')).resolves.toEqual({ total: 3 });
    expect(ensured).toEqual([['shop']]);
    expect(registry.require('../shop/cart.js', 'pages/a.js')).toEqual({ total: 3 });
    await expect(registry.requireAsync('/utils/x', 'shop/cart.js')).resolves.toBe('x');
    expect(ensured).toEqual([['shop']]);
  });

  it('uses the target the compiler resolved for a literal path', async () => {
    const { registry, ensured } = makeRegistry();
    await expect(registry.requireAsync('cart', 'pages/a.js')).resolves.toEqual({ total: 3 });
    expect(ensured).toEqual([['shop']]);
  });

  it("rejects with an Error carrying WeChat's mod and errMsg", async () => {
    const missing = await makeRegistry().registry.requireAsync('../shop/gone.js', 'pages/a.js').catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(AsyncRequireError);
    expect(missing).toMatchObject({ mod: 'shop/gone.js', errMsg: 'require.async: module "shop/gone.js" is not defined (required from pages/a.js)' });
    const unreachable = await makeRegistry('HTTP 503').registry.requireAsync('../shop/cart.js', 'pages/a.js').catch((error: unknown) => error);
    expect((unreachable as Error).message).toBe('require.async: module "shop/cart.js" (required from pages/a.js) could not be loaded: package "shop" could not be loaded: HTTP 503');
  });

  it("calls WeChat's callback form with the exports or the error", async () => {
    const { registry } = makeRegistry();
    const seen: unknown[] = [];
    registry.define('pages/a.js', (require) => {
      require('../shop/cart.js', (cart: unknown) => seen.push(cart), (error: AsyncRequireError) => seen.push(error.mod));
      require('../shop/none.js', () => seen.push('resolved'), (error: AsyncRequireError) => seen.push(error.mod));
    });
    registry.require('pages/a.js');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual([{ total: 3 }, 'shop/none.js']);
  });
});
