import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserForFile, FIXTURES, inLogic, loadedPackages, logs, openRecordingSubpackages, topPageFrame, viewFrame, waitForLog } from './support/browser-harness';

const simulators = browserForFile();

/** Opens the fixture and records every subpackage fetch the simulator makes. */
function open(search = ''): Promise<{ page: Page; fetched: string[] }> {
  return openRecordingSubpackages(simulators, `${FIXTURES}subpackages`, search);
}

async function navigate(page: Page, url: string): Promise<void> {
  await inLogic(page, `new Promise((resolve, reject) => wx.navigateTo({ url: ${JSON.stringify(url)}, success: resolve, fail: (error) => reject(new Error(error.errMsg)) }))`);
  // navigateTo succeeds in the logic layer a moment before the host puts the page on top.
  await topPageFrame(page, url.replace(/^\//, ''));
}

describe('subpackages', () => {
  it('loads a subpackage only when one of its pages is first opened', async () => {
    const { page, fetched } = await open();
    expect(await inLogic(page, 'getCurrentPages()[0].probeShop()')).toMatch(/^missing: module ".*shop\/utils\/cart\.js" is not defined/);
    expect(await loadedPackages(page)).not.toContain('shop');
    expect(await logs(page)).not.toContain('shop cart module ran');
    expect(await logs(page)).toContain('eval probe: refused');

    await navigate(page, '/shop/pages/cart/cart');
    expect(fetched.filter((root) => root === 'shop')).toEqual(['shop']);
    const frame = await viewFrame(page);
    // The subpackage's page uses its own component and styles, a main-package component and module, and App.
    // Component classes carry a per-component prefix.
    await frame.waitForSelector('wx-text[class*="price-tag"]');
    expect(await frame.locator('wx-text[class*="price-tag"]').innerText()).toBe('¥20.50');
    expect(await frame.locator('cart-line wx-view').allInnerTexts()).toEqual(['tea', 'cake']);
    expect(await frame.locator('cart-line wx-view >> nth=0').evaluate((node) => getComputedStyle(node).color)).toBe('rgb(0, 128, 0)');
    expect(await frame.locator('#owner').innerText()).toBe('main');
    expect(await frame.locator('#owner').evaluate((node) => getComputedStyle(node).color)).toBe('rgb(255, 0, 0)');
    expect(await inLogic(page, 'getCurrentPages()[0].probeShop()')).toBe('loaded');

    // Leaving and coming back does not fetch it again.
    await inLogic(page, 'new Promise((resolve) => wx.navigateBack({ success: resolve }))');
    await navigate(page, '/shop/pages/cart/cart');
    await viewFrame(page);
    expect(fetched.filter((root) => root === 'shop')).toEqual(['shop']);
  });

  it('preloads the packages a preloadRule names when its page is shown', async () => {
    const { page, fetched } = await open();
    // home's rule asks for "wifi" on Wi-Fi (the default network), and the simulator reports Wi-Fi.
    await page.waitForFunction(() => (window as unknown as { __simulator: { host: { loadedPackages(): string[] } } }).__simulator.host.loadedPackages().includes('wifi'));
    expect(await loadedPackages(page)).not.toContain('extra');

    await navigate(page, '/pages/other/other');
    // other's rule names the subpackage by its name ("extras"), on any network.
    await page.waitForFunction(() => (window as unknown as { __simulator: { host: { loadedPackages(): string[] } } }).__simulator.host.loadedPackages().includes('extra'));
    expect(fetched).toContain('extra');
    // Preloading defines the modules but runs none of them.
    expect(await logs(page)).not.toContain('extra more module ran');

    const before = fetched.length;
    await navigate(page, '/extra/pages/more/more');
    await waitForLog(page, 'extra more module ran');
    expect(await (await viewFrame(page)).locator('#more').innerText()).toBe('more');
    expect(fetched.length).toBe(before);
  });

  it('starts an independent subpackage without the main package, and launches App when a main page opens', async () => {
    const { page } = await open('?page=promo/pages/landing/landing');
    const frame = await viewFrame(page);
    expect(await frame.locator('#landing').innerText()).toBe('landing');
    expect(await loadedPackages(page)).toEqual(['promo']);
    const lines = await logs(page);
    expect(lines).toContain('promo getApp: undefined');
    expect(lines).not.toContain('app.js ran');
    expect(lines).not.toContain('App onLaunch');
    expect(await inLogic(page, 'typeof getApp()')).toBe('undefined');
    expect(await inLogic(page, 'getCurrentPages()[0].probeMain()')).toBe('missing');
    // app.wxss does not apply to independent subpackage pages.
    expect(await frame.locator('#landing').evaluate((node) => getComputedStyle(node).color)).toBe('rgb(0, 0, 0)');

    await navigate(page, '/pages/home/home');
    await waitForLog(page, 'App onShow');
    expect(await loadedPackages(page)).toEqual(expect.arrayContaining(['', 'promo']));
    const after = await logs(page);
    expect(after.indexOf('app.js ran')).toBeLessThan(after.indexOf('App onLaunch'));
    // The default App's fields are merged into the real one, over App's own.
    expect(await inLogic(page, 'JSON.stringify([getApp().fromPromo, getApp().fromApp, getApp().globalData.owner])')).toBe(JSON.stringify(['promo', 'promo wins', 'main']));
    expect(await (await viewFrame(page)).locator('#home').evaluate((node) => getComputedStyle(node).color)).toBe('rgb(255, 0, 0)');
  });

  it('fails navigation to a subpackage the host cannot fetch, with the reason', async () => {
    const { page } = await open();
    await page.route('**/__tessera/subpackage.json?root=shop*', (route) => route.fulfill({ status: 503, body: 'down' }));
    const errMsg = await inLogic<string>(page, `new Promise((resolve) => wx.navigateTo({ url: '/shop/pages/cart/cart', fail: (error) => resolve(error.errMsg), success: () => resolve('ok') }))`);
    expect(errMsg).toMatch(/^navigateTo:fail package "shop" could not be loaded: .*503/);
    expect(await inLogic(page, 'getCurrentPages().length')).toBe(1);
  });

  it('without late code (a browser without Trusted Types), starts with every package in the Worker and keeps eval refused', async () => {
    const { page, fetched } = await open('?lateCode=0&prewarm=0');
    expect(await loadedPackages(page)).toEqual(['', 'extra', 'promo', 'shop', 'wifi']);
    const srcdoc = await page.evaluate(() => document.querySelector('iframe[aria-hidden="true"]')?.getAttribute('srcdoc') ?? '');
    expect(srcdoc).not.toContain('unsafe-eval');
    expect(srcdoc).not.toContain('trusted-types');
    await navigate(page, '/shop/pages/cart/cart');
    expect(await (await viewFrame(page)).locator('#owner').innerText()).toBe('main');
    expect(fetched).toEqual([]);
    expect(await logs(page)).toContain('eval probe: refused');
  });
});
