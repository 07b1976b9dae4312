import type { Frame } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FIXTURES, mouseDrag, inLogic, logs, screenshotPixel, simulatorForFile, topPageFrame, viewFrame, waitForLog } from './support/browser-harness';

/**
 * Page pull-down refresh as WeChat has it: a page whose json sets enablePullDownRefresh follows
 * a drag down from its top, shows the window's backgroundColor and three dots in the
 * backgroundTextStyle colour, runs onPullDownRefresh once let go past the threshold, and stays
 * there until wx.stopPullDownRefresh. wx.startPullDownRefresh does the same without a gesture.
 */
const session = simulatorForFile(`${FIXTURES}pull-down`);

/** Presses the mouse on `selector` and drags it `dy` px down, in steps, as a person would. */
function drag(frame: Frame, selector: string, dy: number): Promise<void> {
  return mouseDrag(session.page, frame, selector, 0, dy, 12);
}

/** Waits until the page's body sits `top` px down the view (the pull's offset, once settled). */
async function waitForBodyAt(frame: Frame, top: number): Promise<void> {
  await frame.waitForFunction((expected) => Math.round(document.body.getBoundingClientRect().top) === expected, top);
}

const count = async (line: string): Promise<number> => (await logs(session.page)).filter((text) => text === line).length;

describe('pull-down refresh', () => {
  it('follows a drag from the top, refreshes once let go past the threshold and stays until stopPullDownRefresh', async () => {
    const frame = await viewFrame(session.page);
    await frame.waitForSelector('.round');
    await drag(frame, '#item', 200);
    await waitForLog(session.page, 'feed.onPullDownRefresh');
    await frame.waitForFunction(() => document.querySelector('.round')?.textContent === 'round 1');
    // Refreshing: the page rests at the threshold over the window's background, with the dots showing.
    await waitForBodyAt(frame, 50);
    expect(await frame.locator('tsr-pull-down').evaluate((el) => [el.hasAttribute('data-refreshing'), getComputedStyle(el).height, getComputedStyle(el.firstElementChild as Element).backgroundColor])).toEqual([true, '50px', 'rgb(255, 255, 255)']);
    const shot = await session.page.locator('iframe[data-path="pages/feed/feed"]').screenshot();
    expect(await screenshotPixel(session.page, shot, 6, 10)).toEqual([18, 52, 86, 255]);
    // The drag began on a tappable row: it was a pull, not a tap.
    expect(await count('feed.tap')).toBe(0);
    expect(await count('feed.onPullDownRefresh')).toBe(1);

    // It stays until the program says it is done.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(Math.round(await frame.evaluate(() => document.body.getBoundingClientRect().top))).toBe(50);
    await inLogic(session.page, 'wx.stopPullDownRefresh()');
    await waitForBodyAt(frame, 0);
    await frame.waitForFunction(() => document.body.style.transform === '' && document.body.style.transition === '');
    expect(await frame.locator('tsr-pull-down').evaluate((el) => [el.hasAttribute('data-refreshing'), getComputedStyle(el).height])).toEqual([false, '0px']);
  });

  it('follows a finger too: a touch drag refreshes and keeps the page from scrolling', async () => {
    const frame = await viewFrame(session.page);
    const box = await frame.locator('#item').boundingBox();
    if (!box) throw new Error('#item is not visible');
    const cdp = await session.page.context().newCDPSession(session.page);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
    for (let step = 1; step <= 12; step++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y + step * 16 }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await waitForLog(session.page, 'feed.onPullDownRefresh');
    await waitForBodyAt(frame, 50);
    expect(await count('feed.onPullDownRefresh')).toBe(2);
    expect(await frame.evaluate(() => window.scrollY)).toBe(0);
    await inLogic(session.page, 'wx.stopPullDownRefresh()');
    await waitForBodyAt(frame, 0);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: false });
    await cdp.detach();
  });

  it('springs back without refreshing when let go early, and a plain tap still taps', async () => {
    const frame = await viewFrame(session.page);
    await drag(frame, '#item', 60);
    await waitForBodyAt(frame, 0);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await count('feed.onPullDownRefresh')).toBe(2);
    expect(await count('feed.tap')).toBe(0);
    await frame.locator('#item').click();
    await waitForLog(session.page, 'feed.tap');
  });

  it('does not follow a drag that starts with the page scrolled down', async () => {
    const frame = await viewFrame(session.page);
    await frame.evaluate(() => window.scrollTo(0, 120));
    await frame.waitForFunction(() => window.scrollY === 120);
    await drag(frame, '.row >> nth=5', 200);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await count('feed.onPullDownRefresh')).toBe(2);
    expect(Math.round(await frame.evaluate(() => document.body.getBoundingClientRect().top))).toBe(-120);
    await frame.evaluate(() => window.scrollTo(0, 0));
  });

  it('leaves a page without enablePullDownRefresh in place; wx.startPullDownRefresh still refreshes it', async () => {
    await inLogic(session.page, "wx.navigateTo({ url: '/pages/plain/plain' })");
    const frame = await topPageFrame(session.page, 'pages/plain/plain');
    await frame.waitForSelector('.plain');
    await drag(frame, '.plain', 200);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(Math.round(await frame.evaluate(() => document.body.getBoundingClientRect().top))).toBe(0);
    // The simulator's own pull-down action says why nothing happens.
    await session.page.locator('button', { hasText: 'Pull down' }).click();
    await waitForLog(session.page, 'pull-down refresh is off for this page');
    expect(await count('plain.onPullDownRefresh')).toBe(0);

    await inLogic(session.page, 'wx.startPullDownRefresh()');
    await waitForLog(session.page, 'plain.onPullDownRefresh');
    await waitForBodyAt(frame, 50);
    await inLogic(session.page, 'wx.stopPullDownRefresh()');
    await waitForBodyAt(frame, 0);
    expect(await count('plain.onPullDownRefresh')).toBe(1);
  });
});
