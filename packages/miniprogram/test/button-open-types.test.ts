import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AVATAR_URL } from '../src/runtime/shared/anonymous-user';
import { FIXTURES, inLogic, logs, simulatorForFile, viewFrame, waitForLog } from './support/browser-harness';

/**
 * `<button open-type>` beyond share and getPhoneNumber, and `<input type="nickname">`, as WeChat
 * has them: the host draws its own screen (avatar picker, settings, feedback form, customer
 * service), and the page's handler hears what WeChat's would. Open types the platform does not
 * offer fail through binderror.
 */
const session = simulatorForFile(`${FIXTURES}open-types`);

interface Recorded {
  type: string;
  id: string;
  detail: Record<string, unknown>;
}

/** An image of a known size the test picks as the avatar. */
const PICKED_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="20"><rect width="30" height="20" fill="#c00"/></svg>';

/** Lines the page has logged for events of `type` so far. */
async function eventLines(type: string): Promise<number> {
  return (await logs(session.page)).filter((line) => line.startsWith(`event ${type} `)).length;
}

/** Runs `act`, waits until the page's handler for `type` has run once more, and returns that event as the logic layer saw it. */
async function nextEvent(type: string, act: () => Promise<void>): Promise<Recorded> {
  const before = await eventLines(type);
  await act();
  await session.page.waitForFunction(
    ([prefix, count]) => (window as unknown as { __simulator: { logs: Array<{ text: string }> } }).__simulator.logs.filter((entry) => entry.text.startsWith(prefix)).length > count,
    [`event ${type} `, before] as const,
  );
  const events = await inLogic<Recorded[]>(session.page, `JSON.parse(JSON.stringify(getCurrentPages()[0].events.filter((event) => event.type === ${JSON.stringify(type)})))`);
  return events.at(-1) as Recorded;
}

async function tapButton(id: string): Promise<void> {
  await (await viewFrame(session.page)).locator(`#${id}`).click();
}

describe('button open-types and the nickname input', () => {
  let uploads: Buffer[] = [];
  let server: Server;
  let uploadUrl = '';
  beforeAll(async () => {
    // Where the program uploads its avatar: records each request's body.
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        uploads.push(Buffer.concat(chunks));
        response.writeHead(200, { 'access-control-allow-origin': '*' });
        response.end('stored');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    uploadUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/avatar`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('chooseAvatar gives the picked image as a temporary path the page shows at its size and can upload', async () => {
    const event = await nextEvent('chooseavatar', async () => {
      await tapButton('avatar-button');
      await session.page.locator('.tsr-avatar .tsr-file').setInputFiles({ name: 'me.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(PICKED_SVG) });
    });
    expect(event.id).toBe('avatar-button');
    expect(Object.keys(event.detail)).toEqual(['avatarUrl']);
    const avatarUrl = String(event.detail.avatarUrl);
    expect(avatarUrl.startsWith('data:image/svg+xml')).toBe(true);
    const frame = await viewFrame(session.page);
    await frame.waitForFunction(() => (document.querySelector('#avatar img') as HTMLImageElement | null)?.naturalWidth === 30);
    expect(await frame.locator('#avatar img').evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight, img.getAttribute('src')])).toEqual([30, 20, avatarUrl]);
    uploads = [];
    const uploaded = await inLogic<{ statusCode: number; data: string }>(
      session.page,
      `wx.uploadFile({ url: ${JSON.stringify(uploadUrl)}, filePath: getCurrentPages()[0].data.avatarUrl, name: 'avatar' }).then(({ statusCode, data }) => ({ statusCode, data }), (error) => error)`,
    );
    expect(uploaded).toEqual({ statusCode: 200, data: 'stored' });
    expect(uploads[0]?.toString()).toContain(PICKED_SVG);
  });

  it('chooseAvatar offers the default avatar too', async () => {
    const event = await nextEvent('chooseavatar', async () => {
      await tapButton('avatar-button');
      await session.page.locator('.tsr-avatar-default').click();
    });
    expect(event.detail).toEqual({ avatarUrl: DEFAULT_AVATAR_URL });
    const frame = await viewFrame(session.page);
    await frame.waitForFunction(() => (document.querySelector('#avatar img') as HTMLImageElement | null)?.naturalWidth === 132);
  });

  it('openSetting opens the settings sheet and reports the settings as the user left them', async () => {
    const granted = inLogic<unknown>(session.page, `wx.authorize({ scope: 'scope.userLocation' })`);
    await session.page.locator('.tsr-modal button', { hasText: 'Allow' }).click();
    expect(await granted).toEqual({ errMsg: 'authorize:ok' });
    const event = await nextEvent('opensetting', async () => {
      await tapButton('setting-button');
      await session.page.locator('.tsr-modal', { hasText: 'scope.userLocation' }).locator('button', { hasText: 'Off' }).click();
    });
    expect(event).toEqual({ type: 'opensetting', id: 'setting-button', detail: { authSetting: { 'scope.userLocation': false }, errMsg: 'openSetting:ok' } });
    expect(await inLogic(session.page, 'wx.getSetting()')).toEqual({ authSetting: { 'scope.userLocation': false }, errMsg: 'getSetting:ok' });
  });

  it('getUserInfo answers at once with the anonymous profile', async () => {
    const event = await nextEvent('getuserinfo', () => tapButton('userinfo-button'));
    const userInfo = { nickName: '微信用户', avatarUrl: DEFAULT_AVATAR_URL, gender: 0, country: '', province: '', city: '', language: '', is_demote: true };
    expect(event.detail).toEqual({ userInfo, rawData: JSON.stringify(userInfo), errMsg: 'getUserInfo:ok' });
    expect(await session.page.locator('.tsr-overlay > *').count()).toBe(0);
  });

  it('feedback opens the host form, which logs what was sent; without the hook the tap logs not supported', async () => {
    await tapButton('feedback-button');
    await session.page.locator('.tsr-feedback textarea').fill('The map does not load');
    await session.page.locator('.tsr-feedback button', { hasText: 'Send' }).click();
    await session.page.locator('.sim-console', { hasText: 'feedback sent {"content":"The map does not load"}' }).waitFor();
    await session.page.evaluate(() => {
      const host = (window as unknown as { __simulator: { host: { options: { bridge: { options: { hooks: Record<string, unknown> } } } } } }).__simulator.host;
      delete host.options.bridge.options.hooks.feedback;
    });
    await tapButton('feedback-button');
    await waitForLog(session.page, 'feedback:fail not supported');
    expect(await session.page.locator('.tsr-feedback').count()).toBe(0);
  });

  it('contact shows which service would open, with session-from, and reports the card the user came back through', async () => {
    const viaCard = await nextEvent('contact', async () => {
      await tapButton('contact-button');
      const sheet = session.page.locator('.tsr-contact');
      expect(await sheet.innerText()).toContain('wxopentypes');
      expect(await sheet.innerText()).toContain('session-from: order-42');
      await sheet.locator('.tsr-contact-card', { hasText: 'Order 42' }).click();
    });
    expect(viaCard.detail).toEqual({ path: '/pages/buttons/buttons', query: { order: '42', from: 'card' }, errMsg: 'enterContact:ok' });
    const back = await nextEvent('contact', async () => {
      await tapButton('contact-button');
      await session.page.locator('.tsr-contact button', { hasText: 'Back to the mini program' }).click();
    });
    expect(back.detail).toEqual({ path: '', query: {}, errMsg: 'enterContact:ok' });
  });

  it('a nickname input offers the nickname on focus and fills it when taken, then reviews it on blur', async () => {
    const frame = await viewFrame(session.page);
    const field = frame.locator('#nickname input');
    await field.click();
    const chip = session.page.locator('.tsr-nickname button');
    expect(await chip.innerText()).toBe('Developer');
    const input = await nextEvent('input', () => chip.click());
    expect(input.detail).toMatchObject({ value: 'Developer' });
    expect(await field.inputValue()).toBe('Developer');
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    const review = await nextEvent('nicknamereview', () => field.evaluate((el: HTMLInputElement) => el.blur()));
    expect(review.detail).toEqual({ pass: true, timeout: false });
    const blur = (await inLogic<Recorded[]>(session.page, `JSON.parse(JSON.stringify(getCurrentPages()[0].events.filter((event) => event.type === 'blur')))`)).at(-1);
    expect(blur?.detail).toEqual({ value: 'Developer' });
    await session.page.locator('.tsr-nickname').waitFor({ state: 'detached' });
  });

  it('draws its screens in Chinese when the browser language is Chinese', async () => {
    await session.page.evaluate(() => Object.defineProperty(navigator, 'language', { value: 'zh-CN', configurable: true }));
    try {
      await tapButton('avatar-button');
      await session.page.locator('.tsr-avatar', { hasText: '选择头像' }).locator('button', { hasText: '取消' }).click();
      await waitForLog(session.page, 'chooseAvatar:fail cancel');
      await tapButton('contact-button');
      const sheet = session.page.locator('.tsr-contact');
      expect(await sheet.innerText()).toContain('此处将打开小程序 wxopentypes 的客服会话。');
      await sheet.locator('button', { hasText: '返回小程序' }).click();
      await (await viewFrame(session.page)).locator('#nickname input').focus();
      expect(await session.page.locator('.tsr-nickname').innerText()).toContain('使用微信昵称');
      await (await viewFrame(session.page)).locator('#nickname input').blur();
      await session.page.locator('.tsr-nickname').waitFor({ state: 'detached' });
    } finally {
      await session.page.evaluate(() => delete (navigator as unknown as Record<string, unknown>).language);
    }
  });

  it('open-types the platform does not offer fail through binderror', async () => {
    const launch = await nextEvent('error', () => tapButton('launch-button'));
    expect(launch).toEqual({ type: 'error', id: 'launch-button', detail: { errMsg: 'launchApp:fail not supported' } });
    const privacy = await nextEvent('error', () => tapButton('privacy-button'));
    expect(privacy).toEqual({ type: 'error', id: 'privacy-button', detail: { errMsg: 'agreePrivacyAuthorization:fail not supported' } });
    expect(await logs(session.page)).toContain('<button open-type="launchApp">: launchApp:fail not supported');
  });
});
