import type { Page, Worker } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, simulatorForFile } from './support/browser-harness';

let page: Page;
let worker: Worker;

const session = simulatorForFile(`${FIXTURES}conformance`, '?page=pages/render/render');
beforeAll(async () => {
  page = session.page;
  worker = page.workers().at(-1) as Worker;
});

/** Starts a wx call in the logic layer; the promise settles with its result or its failure. */
function call(name: string, options: object = {}): Promise<unknown> {
  return worker.evaluate(
    ([api, args]) => {
      const wx = (globalThis as unknown as { wx: Record<string, (options: object) => Promise<unknown>> }).wx;
      return (wx[api] as (options: object) => Promise<unknown>)(args).catch((error: unknown) => ({ failed: error }));
    },
    [name, options] as const,
  );
}

describe('prompts and device APIs drawn by the host', () => {
  it('answers window info, pageScrollTo and the navigation bar colour', async () => {
    const info = (await worker.evaluate(() => (globalThis as unknown as { wx: { getWindowInfo(): { windowWidth: number; windowHeight: number } } }).wx.getWindowInfo())) as { windowWidth: number; windowHeight: number };
    expect(info.windowWidth).toBe(375);
    expect(info.windowHeight).toBeGreaterThan(500);
    await call('setNavigationBarColor', { frontColor: '#ffffff', backgroundColor: '#ff0000' });
    expect(await page.locator('.tsr-navbar').evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor])).toEqual(['rgb(255, 255, 255)', 'rgb(255, 0, 0)']);
    expect(await call('pageScrollTo', { scrollTop: 0 })).toEqual({ errMsg: 'pageScrollTo:ok' });
    expect(await call('checkSession')).toEqual({ errMsg: 'checkSession:ok' });
  });

  it('answers getUserInfo with the anonymous profile at once, as WeChat has since 2021', async () => {
    const answer = (await call('getUserInfo')) as { userInfo: Record<string, unknown>; rawData: string; errMsg: string };
    expect(answer).toMatchObject({ userInfo: { nickName: '微信用户', gender: 0 }, errMsg: 'getUserInfo:ok' });
    expect(String(answer.userInfo.avatarUrl)).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(JSON.parse(answer.rawData)).toEqual(answer.userInfo);
    expect(await page.locator('.tsr-modal').count()).toBe(0);
  });

  it('asks before sharing the profile, subscribing to messages, scanning, and calling', async () => {
    const profile = call('getUserProfile', { desc: 'Show your name on your notes' });
    expect(await page.locator('.tsr-modal').innerText()).toContain('Show your name on your notes');
    await page.locator('.tsr-modal button', { hasText: 'Allow' }).click();
    expect(await profile).toMatchObject({ userInfo: { nickName: 'Developer' }, errMsg: 'getUserProfile:ok' });
    const subscribed = call('requestSubscribeMessage', { tmplIds: ['order_shipped'] });
    await page.locator('.tsr-modal button', { hasText: 'Allow' }).click();
    expect(await subscribed).toEqual({ order_shipped: 'accept', errMsg: 'requestSubscribeMessage:ok' });
    const scanned = call('scanCode');
    await page.locator('.tsr-modal button', { hasText: 'Use' }).click();
    expect(await scanned).toMatchObject({ result: 'tessera-test-code', scanType: 'QR_CODE', errMsg: 'scanCode:ok' });
    const called = call('makePhoneCall', { phoneNumber: '10086' });
    await page.locator('.tsr-modal button', { hasText: 'Cancel' }).click();
    expect(await called).toEqual({ failed: { errMsg: 'makePhoneCall:fail cancel' } });
    await call('previewImage', { urls: ['data:image/gif;base64,R0lGODlhAQABAAAAACw='] });
    await page.locator('.tsr-preview').click();
    expect(await page.locator('.tsr-preview').count()).toBe(0);
  });

  it('shows a toast and a loading box over the page and hides them', async () => {
    expect(await call('showToast', { title: 'Saved', duration: 0 })).toEqual({ errMsg: 'showToast:ok' });
    expect(await page.locator('.tsr-toast').innerText()).toBe('Saved');
    await call('showLoading', { title: 'Wait' });
    expect(await page.locator('.tsr-toast').innerText()).toBe('Wait');
    await call('hideLoading');
    expect(await page.locator('.tsr-toast').count()).toBe(0);
  });

  it('returns the chosen action sheet item, and fails with cancel', async () => {
    const chosen = call('showActionSheet', { itemList: ['Camera', 'Album'] });
    await page.locator('.tsr-sheet button', { hasText: 'Album' }).click();
    expect(await chosen).toEqual({ tapIndex: 1, errMsg: 'showActionSheet:ok' });
    const cancelled = call('showActionSheet', { itemList: ['Camera'] });
    await page.locator('.tsr-sheet button', { hasText: 'Cancel' }).click();
    expect(await cancelled).toEqual({ failed: { errMsg: 'showActionSheet:fail cancel' } });
  });

  it('asks before granting a scope, remembers the answer and reports it in getSetting', async () => {
    const denied = call('authorize', { scope: 'scope.userLocation' });
    await page.locator('.tsr-modal button', { hasText: 'Deny' }).click();
    expect(await denied).toEqual({ failed: { errMsg: 'authorize:fail auth deny' } });
    expect(await call('getSetting')).toEqual({ authSetting: { 'scope.userLocation': false }, errMsg: 'getSetting:ok' });
  });

  it('refuses getLocation once scope.userLocation was denied, until the user turns it on in openSetting', async () => {
    expect(await call('getLocation')).toEqual({ failed: { errMsg: 'getLocation:fail auth deny' } });
    const settings = call('openSetting');
    await page.locator('.tsr-modal button', { hasText: 'On' }).click();
    expect(await settings).toEqual({ authSetting: { 'scope.userLocation': true }, errMsg: 'openSetting:ok' });
    expect(await call('getLocation', { type: 'gcj02' })).toMatchObject({ latitude: expect.any(Number), longitude: expect.any(Number), type: 'gcj02', errMsg: 'getLocation:ok' });
  });

  it('lets the developer pick an image file and returns it as a path the view can show', async () => {
    const chosen = call('chooseImage', { count: 1 }) as Promise<{ tempFilePaths: string[] }>;
    await page.locator('.tsr-file').setInputFiles({ name: 'dot.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>') });
    const result = await chosen;
    expect(result.tempFilePaths[0]).toMatch(/^data:image\/svg\+xml;base64,/);
  });

  it('draws the payment sheet in the host; the mini program only learns the outcome', async () => {
    const paid = call('requestPayment', { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=wx1', signType: 'RSA', paySign: 's' });
    expect(await page.locator('.tsr-modal').innerText()).toContain('prepay_id=wx1');
    await page.locator('.tsr-modal button', { hasText: 'Pay' }).click();
    expect(await paid).toEqual({ errMsg: 'requestPayment:ok' });
  });

  it('sets the navigation bar title, copies to the clipboard, and answers login and network type', async () => {
    await call('setNavigationBarTitle', { title: 'Renamed page' });
    expect(await page.locator('.tsr-title').innerText()).toBe('Renamed page');
    await call('setClipboardData', { data: 'copied text' });
    expect(await call('getClipboardData')).toEqual({ data: 'copied text', errMsg: 'getClipboardData:ok' });
    expect(await call('login')).toMatchObject({ code: expect.stringMatching(/^sim-/), errMsg: 'login:ok' });
    expect(await call('getNetworkType')).toEqual({ networkType: 'wifi', errMsg: 'getNetworkType:ok' });
    expect(await call('navigateToMiniProgram', { appId: 'wx1' })).toEqual({ failed: { errMsg: 'navigateToMiniProgram:fail not supported' } });
  });
});
