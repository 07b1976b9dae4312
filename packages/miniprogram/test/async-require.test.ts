import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserForFile, FIXTURES, inLogic, loadedPackages, logs, openRecordingSubpackages, viewFrame, waitForLog } from './support/browser-harness';

const simulators = browserForFile();

/** Opens the fixture and records every subpackage fetch the simulator makes. */
function open(search: string, fixture = 'async-require'): Promise<{ page: Page; fetched: string[] }> {
  return openRecordingSubpackages(simulators, `${FIXTURES}${fixture}`, search);
}

// With late code a subpackage's bundle reaches the Worker when first needed; without it (a browser
// without Trusted Types) every bundle is in the Worker's script, and only opening makes it usable.
describe.each([
  { mode: 'late code', search: '', lateCode: true },
  { mode: 'no late code', search: '?lateCode=0&prewarm=0', lateCode: false },
])('require.async across subpackages ($mode)', ({ search, lateCode }) => {
  it('loads a module of a subpackage not yet opened, after a plain require of it has failed', async () => {
    const { page, fetched } = await open(search);
    const frame = await viewFrame(page);
    const logicFrame = await page.evaluate(() => document.querySelector('iframe[aria-hidden="true"]')?.getAttribute('srcdoc') ?? '');
    expect(logicFrame.includes('trusted-types')).toBe(lateCode);
    expect(await inLogic(page, 'getCurrentPages()[0].probeSync()')).toBe('failed: module "shop/utils/cart.js" is not defined (required from pages/home/home.js)');
    expect(await logs(page)).not.toContain('shop cart module ran');
    if (lateCode) expect(await loadedPackages(page)).toEqual(['']);

    await frame.locator('#load').click();
    await waitForLog(page, 'cart module loaded');
    expect(await frame.locator('#total').innerText()).toBe('¥20.50');
    expect(await logs(page)).toContain('cart module loaded: ¥20.50');
    expect(fetched).toEqual(lateCode ? ['shop'] : []);
    if (lateCode) expect(await loadedPackages(page)).toEqual(['', 'shop']);
    // Now the package is open, a plain require works, and its page opens without another fetch.
    expect(await inLogic(page, 'getCurrentPages()[0].probeSync()')).toBe('loaded: ¥20.50');
    await inLogic(page, `new Promise((resolve, reject) => wx.navigateTo({ url: '/shop/pages/cart/cart', success: resolve, fail: (error) => reject(new Error(error.errMsg)) }))`);
    await page.waitForFunction(() => (window as unknown as { __simulator: { host: { pages(): unknown[] } } }).__simulator.host.pages().length === 2);
    expect(await (await viewFrame(page)).locator('#cart').innerText()).toBe('¥20.50');
    expect(fetched).toEqual(lateCode ? ['shop'] : []);
    // The module ran once, for both requires.
    expect((await logs(page)).filter((line) => line === 'shop cart module ran')).toHaveLength(1);
  });

  it('resolves a module of an already loaded package without asking the host', async () => {
    const { page, fetched } = await open(search);
    expect(await inLogic(page, 'getCurrentPages()[0].loadFormat()')).toBe('¥12.34');
    expect(fetched).toEqual([]);
  });

  it('rejects with an Error naming a module that does not exist', async () => {
    const { page } = await open(search);
    const frame = await viewFrame(page);
    await frame.locator('#missing').click();
    await waitForLog(page, 'missing module failed');
    expect(await logs(page)).toContain('missing module failed: true extra/utils/gone.js | require.async: module "extra/utils/gone.js" is not defined (required from pages/home/home.js)');
    expect(await frame.locator('#status').innerText()).toBe('missing failed');
  });

  it("supports WeChat's callback form require(path, success, fail)", async () => {
    const { page } = await open(search);
    const frame = await viewFrame(page);
    await frame.locator('#callback').click();
    await waitForLog(page, 'callback form loaded');
    expect(await frame.locator('#status').innerText()).toBe('more from extra');
  });
});

describe('require.async when the host cannot load the subpackage', () => {
  it('rejects naming the module and the package, and a later call tries again', async () => {
    const { page, fetched } = await open('');
    await page.route('**/__tessera/subpackage.json?root=shop*', (route) => route.fulfill({ status: 503, body: 'down' }));
    const frame = await viewFrame(page);
    await frame.locator('#load').click();
    await waitForLog(page, 'cart module failed');
    expect((await logs(page)).find((line) => line.startsWith('cart module failed'))).toMatch(/^cart module failed: true shop\/utils\/cart\.js \| require\.async: module "shop\/utils\/cart\.js" \(required from pages\/home\/home\.js\) could not be loaded: package "shop" could not be loaded: .*503/);
    expect(await frame.locator('#status').innerText()).toBe('cart failed');

    await page.unroute('**/__tessera/subpackage.json?root=shop*');
    await frame.locator('#load').click();
    await waitForLog(page, 'cart module loaded');
    expect(await frame.locator('#total').innerText()).toBe('¥20.50');
    expect(fetched.filter((root) => root === 'shop')).toHaveLength(2);
  });
});

describe('opening packages without late code', () => {
  it('starts an independent subpackage without App although the main package is in the Worker', async () => {
    const { page } = await open('?page=promo/pages/landing/landing&lateCode=0&prewarm=0', 'subpackages');
    expect(await (await viewFrame(page)).locator('#landing').innerText()).toBe('landing');
    expect(await loadedPackages(page)).toEqual(['', 'extra', 'promo', 'shop', 'wifi']);
    expect(await logs(page)).not.toContain('App onLaunch');
    expect(await inLogic(page, 'typeof getApp()')).toBe('undefined');
    expect(await inLogic(page, 'getCurrentPages()[0].probeMain()')).toBe('missing');

    await inLogic(page, `new Promise((resolve, reject) => wx.navigateTo({ url: '/pages/home/home', success: resolve, fail: (error) => reject(new Error(error.errMsg)) }))`);
    await waitForLog(page, 'App onShow');
    const lines = await logs(page);
    expect(lines.indexOf('app.js ran')).toBeLessThan(lines.indexOf('App onLaunch'));
    expect(await inLogic(page, 'getApp().globalData.owner')).toBe('main');
  });
});
