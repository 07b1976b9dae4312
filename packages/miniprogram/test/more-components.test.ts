import type { Frame } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, inLogic, logs, screenshotPixel, simulatorForFile, viewFrame, waitForLog } from './support/browser-harness';

let frame: Frame;

const session = simulatorForFile(`${FIXTURES}conformance`, '?page=sub/pages/misc/misc');
beforeAll(async () => {
  await waitForLog(session.page, 'misc.onLoad in subpackage sub/pages/misc/misc');
  frame = await viewFrame(session.page);
  await frame.locator('#notes textarea').waitFor();
});

async function setData(patch: Record<string, unknown>): Promise<void> {
  await inLogic(session.page, `new Promise((resolve) => getCurrentPages()[getCurrentPages().length - 1].setData(${JSON.stringify(patch)}, resolve))`);
}

describe('more built-in components and page events', () => {
  it('runs pages from subpackages', async () => {
    expect(await session.page.locator('.tsr-title').innerText()).toBe('Misc');
  });

  it('textarea binds its value and reports input', async () => {
    expect(await frame.locator('#notes textarea').inputValue()).toBe('first');
    const before = await frame.locator('#notes textarea').evaluate((field) => field.getBoundingClientRect().height);
    await frame.locator('#notes textarea').fill('second line\nthird\nfourth\nfifth\nsixth\nseventh\neighth\nninth\ntenth');
    await waitForLog(session.page, 'notes second line');
    // auto-height: the box grew to fit the text.
    expect(await frame.locator('#notes textarea').evaluate((field) => field.getBoundingClientRect().height)).toBeGreaterThan(before);
  });

  it('swiper shows the current item and its indicator dots', async () => {
    await setData({ slide: 1 });
    expect(await frame.locator('#swiper .wx-swiper-track').evaluate((el) => (el as HTMLElement).style.transform)).toBe('translateX(-100%)');
    expect(await frame.locator('#swiper .wx-dot').count()).toBe(2);
    expect(await frame.locator('#swiper .wx-dot-active').count()).toBe(1);
    const box = await frame.locator('#swiper').boundingBox();
    if (!box) throw new Error('swiper has no box');
    const mouse = session.page.mouse;
    await mouse.move(box.x + 40, box.y + box.height / 2);
    await mouse.down();
    await mouse.move(box.x + 200, box.y + box.height / 2, { steps: 4 });
    await mouse.up();
    await waitForLog(session.page, 'swiper 0 touch');
  });

  it('multiSelector picker reports the column that changed and all values', async () => {
    await frame.locator('#multi select >> nth=1').selectOption('1');
    await waitForLog(session.page, 'multi [0,1]');
    expect(await logs(session.page)).toContain('column 1=1');
    await frame.locator('#multi', { hasText: 'tea iced' }).waitFor();
  });

  it('date picker reports the chosen date', async () => {
    await frame.locator('#date input').fill('2026-03-04');
    await waitForLog(session.page, 'date 2026-03-04');
    await frame.locator('#date', { hasText: '2026-03-04' }).waitFor();
  });

  it('scroll-view refresher fires refresherrefresh on a pull at the top and closes when told', async () => {
    const box = await frame.locator('#scroll').boundingBox();
    if (!box) throw new Error('scroll-view has no box');
    const mouse = session.page.mouse;
    await mouse.move(box.x + 20, box.y + 5);
    await mouse.down();
    await mouse.move(box.x + 20, box.y + 90, { steps: 4 });
    await mouse.up();
    await waitForLog(session.page, 'refresher done');
    expect(await frame.locator('#scroll').evaluate((el) => el.classList.contains('wx-refreshing'))).toBe(false);
  });

  it('scroll-view scrolls an element into view by id', async () => {
    await setData({ target: 's3' });
    expect(await frame.locator('#scroll').evaluate((el) => el.scrollTop)).toBeGreaterThan(50);
  });

  it("refuses a web-view outside the app's business domains, visibly", async () => {
    expect(await frame.locator('#web').innerText()).toBe("<web-view> cannot open https://example.com/: not one of this app's business domains");
    expect(await frame.locator('#web iframe').count()).toBe(0);
  });

  it('renders video with the package-relative source and controls', async () => {
    expect(await frame.locator('#video video').evaluate((video) => [(video as HTMLVideoElement).controls, new URL((video as HTMLVideoElement).src).pathname])).toEqual([true, '/app/images/none.mp4']);
  });

  it('hands <canvas type="2d"> to the logic layer as a canvas node it draws on', async () => {
    const drawn = await inLogic<[number, number[], boolean]>(
      session.page,
      `new Promise((resolve) => wx.createSelectorQuery().select('#paint').fields({ node: true, size: true }).exec((first) => {
        const canvas = first[0].node;
        canvas.width = 100;
        canvas.height = 50;
        const context = canvas.getContext('2d');
        context.fillStyle = 'rgb(255, 0, 0)';
        context.fillRect(0, 0, 100, 50);
        const pixel = Array.from(context.getImageData(10, 10, 1, 1).data);
        wx.createSelectorQuery().select('#paint').fields({ node: true }).exec((second) => resolve([first[0].width, pixel, second[0].node === canvas]));
      }))`,
    );
    expect(drawn).toEqual([100, [255, 0, 0, 255], true]);
    // And the person looking at the page sees it: the view shows what the Worker drew.
    await frame.locator('#paint').scrollIntoViewIfNeeded();
    await session.page.waitForFunction(() => new Promise((resolve) => requestAnimationFrame(() => resolve(true))));
    const shot = await frame.locator('#paint').screenshot();
    expect(await screenshotPixel(session.page, shot, 50, 25)).toEqual([255, 0, 0, 255]);
  });

  it('fires onPageScroll and onReachBottom as the page scrolls, and onPullDownRefresh', async () => {
    await frame.evaluate(() => window.scrollTo(0, 200));
    await waitForLog(session.page, 'misc.onPageScroll');
    await frame.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await waitForLog(session.page, 'misc.onReachBottom');
    await session.page.locator('button', { hasText: 'Pull down' }).click();
    await waitForLog(session.page, 'misc.onPullDownRefresh');
  });

  it('navigator with open-type redirect replaces the page', async () => {
    await frame.evaluate(() => window.scrollTo(0, 0));
    await frame.locator('#to-render').click();
    await waitForLog(session.page, 'misc.onUnload');
    await waitForLog(session.page, 'render.onReady');
    const stack = await session.page.evaluate(() => (window as unknown as { __simulator: { host: { pages(): Array<{ path: string }> } } }).__simulator.host.pages().map((page) => page.path));
    expect(stack).toEqual(['pages/render/render']);
  });
});
