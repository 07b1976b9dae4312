import type { Frame, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { HostBridge } from '../src/runtime/host/host-bridge';
import type { NetworkPolicy } from '../src/runtime/host/network-policy';
import { FAKE_CAMERA_FLAGS, FIXTURES, inLogic, logs, openSimulator, screenshotPixel, simulatorForFile, tapLeaving, topPageFrame, viewFrame, waitForLog } from './support/browser-harness';

const SEARCH = '?page=pages/camera/camera';
const session = simulatorForFile(`${FIXTURES}camera`, SEARCH, { browserArgs: FAKE_CAMERA_FLAGS });
let page: Page;
let frame: Frame;

beforeAll(async () => {
  page = session.page;
  frame = await viewFrame(page);
});

type Box = { x: number; y: number; width: number; height: number };

/** Waits until `text` has been logged `count` times. */
async function waitForCount(text: string, count: number): Promise<void> {
  await page.waitForFunction(
    ([line, times]) => (window as unknown as { __simulator: { logs: Array<{ text: string }> } }).__simulator.logs.filter((entry) => entry.text.includes(line as string)).length >= (times as number),
    [text, count] as const,
  );
}

/** The host's preview and the `<camera>` in the view, both in the simulator page's coordinates. */
async function boxes(): Promise<{ preview: Box; element: Box; clip: Box; viewFrame: Box }> {
  const [preview, element, clip, frameBox] = await Promise.all([
    page.locator('.tsr-camera video').boundingBox(),
    frame.locator('#cam').boundingBox(),
    page.locator('.tsr-camera').boundingBox(),
    page.locator(`iframe[data-page-id]:not([data-hidden])`).boundingBox(),
  ]);
  return { preview: preview as Box, element: element as Box, clip: clip as Box, viewFrame: frameBox as Box };
}

/** Waits until the preview covers the element's box exactly (to within a pixel's rounding). */
async function expectPreviewOverElement(): Promise<{ preview: Box; element: Box; clip: Box; viewFrame: Box }> {
  await expect
    .poll(async () => {
      const { preview, element } = await boxes();
      return Math.max(...(['x', 'y', 'width', 'height'] as const).map((key) => Math.abs(preview[key] - element[key])));
    })
    .toBeLessThan(1);
  return boxes();
}

const hostVideo = (): Promise<{ time: number; width: number; height: number; track: string }> =>
  page.locator('.tsr-camera video').evaluate((element) => {
    const video = element as HTMLVideoElement;
    return { time: video.currentTime, width: video.videoWidth, height: video.videoHeight, track: (video.srcObject as MediaStream).getVideoTracks()[0]?.readyState ?? 'none' };
  });

describe('<camera> with the user allowing scope.camera', () => {
  it('asks for scope.camera first, then fires bindinitdone and lays a live preview over the element', async () => {
    const prompt = page.locator('.tsr-modal');
    expect(await prompt.innerText()).toContain('camera');
    // Nothing is shown, and the program hears nothing, until the user answers.
    expect(await page.locator('.tsr-camera').count()).toBe(0);
    expect((await logs(page)).filter((line) => line.startsWith('camera '))).toEqual([]);
    await page.locator('.tsr-modal button', { hasText: 'Allow' }).click();
    await waitForLog(page, 'camera initdone {"maxZoom":4}');
    const { preview, element } = await expectPreviewOverElement();
    expect(element.width).toBe(200);
    expect(element.height).toBe(150);
    expect(preview.width).toBe(200);
    const before = await hostVideo();
    expect(before.track).toBe('live');
    await page.waitForFunction((start) => (document.querySelector('.tsr-camera video') as HTMLVideoElement).currentTime > start + 0.3, before.time);
    // Chromium's fake camera draws on green where the view itself draws black.
    const [red, green, blue] = await screenshotPixel(page, await page.screenshot(), Math.round(preview.x + preview.width / 2), Math.round(preview.y + preview.height * 0.9));
    expect(green).toBeGreaterThan(100);
    expect(Math.max(red as number, blue as number)).toBeLessThan(60);
    expect(await inLogic(page, `wx.getSetting().then((result) => result.authSetting['scope.camera'])`)).toBe(true);
    // The camera is the host's: the page's own frame, sandboxed, cannot open it while it runs.
    const outcome = await frame.evaluate(() =>
      navigator.mediaDevices ? navigator.mediaDevices.getUserMedia({ video: true }).then(() => 'opened', (error: Error) => `rejected ${error.name}`) : 'no mediaDevices',
    );
    expect(outcome).toMatch(/^rejected /);
  });

  it('follows the element when the page scrolls, clipped to the page frame', async () => {
    await frame.evaluate(() => window.scrollTo(0, 100));
    const { preview, element, clip, viewFrame: frameBox } = await expectPreviewOverElement();
    expect(preview.y).toBeLessThan(frameBox.y);
    expect(element.y).toBeCloseTo(frameBox.y + 40 - 100, 0);
    expect(clip).toEqual(frameBox);
    await frame.evaluate(() => window.scrollTo(0, 0));
    await expectPreviewOverElement();
  });

  it('takePhoto returns a JPEG the page shows in <image> at the camera resolution', async () => {
    const { width, height } = await hostVideo();
    expect(width).toBeGreaterThan(0);
    await frame.locator('#photo').click();
    await waitForLog(page, `photo ${width}x${height} data:image/jpeg;base64, takePhoto:ok`);
    await waitForLog(page, `image loaded ${width}x${height}`);
    const shown = (await frame.locator('#shot').boundingBox()) as Box;
    expect(shown.width).toBe(320);
    expect(shown.height).toBeCloseTo((320 * height) / width, 0);
  });

  it('setZoom zooms up to maxZoom', async () => {
    await frame.locator('#zoom').click();
    await waitForLog(page, 'zoom 2');
    expect(await page.locator('.tsr-camera video').evaluate((element) => (element as HTMLElement).style.transform)).toBe('scale(2)');
  });

  it('startRecord and stopRecord give a video and a thumbnail the page can play', async () => {
    await frame.locator('#record').click();
    await waitForLog(page, 'recording');
    await page.waitForFunction((start) => (document.querySelector('.tsr-camera video') as HTMLVideoElement).currentTime > start + 0.5, (await hostVideo()).time);
    await frame.locator('#stop').click();
    await waitForLog(page, 'recorded data:video/webm data:image/jpeg;base64,');
    await frame.waitForFunction(() => ((document.querySelector('#clip video') as HTMLVideoElement | null)?.readyState ?? 0) >= 1);
    const { width } = await hostVideo();
    expect(await frame.locator('#clip video').evaluate((element) => (element as HTMLVideoElement).videoWidth)).toBe(width);
  });

  it('navigating away stops the track and removes the preview; coming back opens it again without asking', async () => {
    expect(await page.evaluate(() => {
      const track = ((document.querySelector('.tsr-camera video') as HTMLVideoElement).srcObject as MediaStream).getVideoTracks()[0] as MediaStreamTrack;
      (window as unknown as { cameraTrack: MediaStreamTrack }).cameraTrack = track;
      return track.readyState;
    })).toBe('live');
    await tapLeaving(frame, '#away');
    await topPageFrame(page, 'pages/other/other');
    await page.waitForFunction(() => (window as unknown as { cameraTrack: MediaStreamTrack }).cameraTrack.readyState === 'ended');
    expect(await page.locator('.tsr-camera').count()).toBe(0);
    await waitForLog(page, 'camera stop');
    await inLogic(page, 'wx.navigateBack()');
    frame = await topPageFrame(page, 'pages/camera/camera');
    await waitForCount('camera initdone', 2);
    expect(await page.locator('.tsr-modal').count()).toBe(0);
    await expectPreviewOverElement();
  });

  it('sending the app to the background stops the camera with bindstop; bringing it back reopens it', async () => {
    await page.evaluate(() => {
      (window as unknown as { cameraTrack: MediaStreamTrack }).cameraTrack = ((document.querySelector('.tsr-camera video') as HTMLVideoElement).srcObject as MediaStream).getVideoTracks()[0] as MediaStreamTrack;
    });
    await page.locator('button', { hasText: 'Send to background' }).click();
    await page.waitForFunction(() => (window as unknown as { cameraTrack: MediaStreamTrack }).cameraTrack.readyState === 'ended');
    await waitForCount('camera stop', 2);
    expect(await page.locator('.tsr-camera').count()).toBe(0);
    await page.locator('button', { hasText: 'Bring to foreground' }).click();
    await waitForCount('camera initdone', 3);
    await expectPreviewOverElement();
  });

  it('refuses a second <camera> on the page and reports attribute values WeChat does not have', async () => {
    await inLogic(page, `getCurrentPages().at(-1).setData({ second: true, position: 'side' })`);
    await waitForLog(page, 'camera error insertCamera:fail only one camera can be inserted in a page');
    await waitForLog(page, '[camera_more_than_one]');
    await waitForLog(page, '[camera_bad_attribute] <camera device-position="side">: expected one of back, front; using back');
    expect(await page.locator('.tsr-camera').count()).toBe(1);
    expect((await hostVideo()).track).toBe('live');
    await inLogic(page, `getCurrentPages().at(-1).setData({ second: false, position: 'back' })`);
  });

  it('checks CameraContext arguments', async () => {
    expect(await inLogic(page, `wx.createCameraContext().takePhoto({ quality: 'best' }).catch((error) => error)`)).toEqual({ errMsg: 'takePhoto:fail parameter error: quality should be one of original, high, normal, low' });
    expect(await inLogic(page, `wx.createCameraContext().setZoom({ zoom: 'near' }).catch((error) => error)`)).toEqual({ errMsg: 'setZoom:fail parameter error: zoom should be a Number' });
    expect(await inLogic(page, `wx.createCameraContext().stopRecord().catch((error) => error)`)).toEqual({ errMsg: 'stopRecord:fail is not recording' });
  });

  it('removing the element stops the track and removes the preview', async () => {
    await page.evaluate(() => {
      (window as unknown as { cameraTrack: MediaStreamTrack }).cameraTrack = ((document.querySelector('.tsr-camera video') as HTMLVideoElement).srcObject as MediaStream).getVideoTracks()[0] as MediaStreamTrack;
    });
    await inLogic(page, `getCurrentPages().at(-1).setData({ show: false })`);
    await page.waitForFunction(() => (window as unknown as { cameraTrack: MediaStreamTrack }).cameraTrack.readyState === 'ended');
    expect(await page.locator('.tsr-camera').count()).toBe(0);
    await frame.locator('#photo').click();
    await waitForLog(page, 'photo failed takePhoto:fail camera not found');
  });

  it('unloading the page stops the track and removes the preview', async () => {
    await inLogic(page, `getCurrentPages().at(-1).setData({ show: true })`);
    await waitForCount('camera initdone', 4);
    await page.evaluate(() => {
      (window as unknown as { cameraTrack: MediaStreamTrack }).cameraTrack = ((document.querySelector('.tsr-camera video') as HTMLVideoElement).srcObject as MediaStream).getVideoTracks()[0] as MediaStreamTrack;
    });
    await inLogic(page, `wx.redirectTo({ url: '/pages/other/other' })`);
    await topPageFrame(page, 'pages/other/other');
    await page.waitForFunction(() => (window as unknown as { cameraTrack: MediaStreamTrack }).cameraTrack.readyState === 'ended');
    expect(await page.locator('.tsr-camera').count()).toBe(0);
  });
});

describe('the host bridge', () => {
  it('never lets a program call the openCamera hook as if it were a wx API', async () => {
    let opened = 0;
    const bridge = new HostBridge({ policy: { domains: [], allowInsecure: false, skipDomainCheck: false } satisfies NetworkPolicy, hooks: { openCamera: async () => {
      opened++;
      return {} as MediaStream;
    } } });
    expect(await bridge.call('openCamera', {})).toEqual({ ok: false, errMsg: 'openCamera:fail not supported' });
    expect(opened).toBe(0);
  });
});

describe('<camera> with the user refusing scope.camera', () => {
  it('fires binderror, shows no preview, and takePhoto fails', async () => {
    const browser = page.context().browser();
    if (!browser) throw new Error('no browser');
    const refused = await openSimulator(browser, `${FIXTURES}camera`, SEARCH);
    try {
      const other = refused.page;
      await other.locator('.tsr-modal button', { hasText: 'Deny' }).click();
      await other.waitForFunction(() => (window as unknown as { __simulator: { logs: Array<{ text: string }> } }).__simulator.logs.some((entry) => entry.text === 'camera error insertCamera:fail auth deny'));
      expect(await other.locator('.tsr-camera').count()).toBe(0);
      const view = await viewFrame(other);
      await view.locator('#photo').click();
      await other.waitForFunction(() => (window as unknown as { __simulator: { logs: Array<{ text: string }> } }).__simulator.logs.some((entry) => entry.text === 'photo failed takePhoto:fail auth deny'));
      // A camera inserted later is refused at once, without asking again.
      await view.locator('#remount').click();
      await other.waitForFunction(() => (window as unknown as { __simulator: { logs: Array<{ text: string }> } }).__simulator.logs.filter((entry) => entry.text === 'camera error insertCamera:fail auth deny').length === 2);
      expect(await other.locator('.tsr-modal').count()).toBe(0);
    } finally {
      await refused.close();
    }
  });
});
