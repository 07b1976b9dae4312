import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, inLogic, simulatorForFile, viewFrame, waitForLog } from './support/browser-harness';


const session = simulatorForFile(`${FIXTURES}conformance`);
beforeAll(async () => {
  await waitForLog(session.page, 'render.onReady');
});

const text = async (selector: string): Promise<string> => (await viewFrame(session.page)).locator(selector).innerText();

/** Sets data on the current page from the logic layer and waits for the view to render it. */
async function setPageData(patch: Record<string, unknown>): Promise<void> {
  await inLogic(session.page, `new Promise((resolve) => getCurrentPages()[getCurrentPages().length - 1].setData(${JSON.stringify(patch)}, resolve))`);
}

describe('WXML rendering in the view', () => {
  it('binds text and attributes, keeping expression types', async () => {
    expect(await text('#text')).toBe('Hello, ann! 1 on');
    const frame = await viewFrame(session.page);
    expect(await frame.locator('#attr').getAttribute('title')).toBe('ann-0');
    // data-* stay visible to WXSS attribute selectors as well as becoming the dataset.
    expect(await frame.locator('#attr').getAttribute('data-count')).toBe('0');
    expect(await frame.locator('#text').getAttribute('class')).toBe('box extra');
  });

  it('renders wx:for with item/index renames, nested loops and *this keys', async () => {
    expect(await text('#list')).toBe('0:Apple\n1:Banana\n2:Cherry');
    expect(await text('#renamed')).toBe('0=Apple;1=Banana;2=Cherry;');
    expect((await text('#nested')).replace(/\s/g, '')).toBe('12|34|');
    expect(await text('#keyed-this')).toBe('xy');
  });

  it('chooses wx:if / wx:elif / wx:else branches and renders blocks', async () => {
    expect(await text('#cond')).toBe('zero');
    await setPageData({ count: 3 });
    expect(await text('#cond')).toBe('small');
    await setPageData({ count: 9 });
    expect(await text('#cond')).toBe('big');
    expect(await text('#block')).toBe('ab');
  });

  it('uses imported templates with data and dynamic names, includes without templates, and wxs modules', async () => {
    await setPageData({ count: 0 });
    expect(await text('#tpl')).toBe('ann:0\ndyn:9');
    expect(await text('#footer')).toBe('footer for ann');
    expect(await (await viewFrame(session.page)).locator('text=never').count()).toBe(0);
    expect(await text('#wxs')).toBe('¥12.34 ANN 0 true');
    expect(await text('#object-literal')).toBe('3-1');
  });

  it('hides with hidden and shows again', async () => {
    const frame = await viewFrame(session.page);
    await setPageData({ flag: false });
    expect(await frame.locator('#hidden').isVisible()).toBe(false);
    expect(await text('#tpl')).toBe('ann:0\nother dyn');
    await setPageData({ flag: true });
    expect(await frame.locator('#hidden').isVisible()).toBe(true);
  });

  it('applies path updates and keeps keyed DOM nodes when a list is reordered', async () => {
    const frame = await viewFrame(session.page);
    await frame.evaluate(() => document.querySelectorAll('#list > wx-view').forEach((el) => ((el as HTMLElement & { original?: string }).original = el.textContent ?? '')));
    await setPageData({ 'items[1].name': 'Blueberry', 'user.name': 'bob' });
    expect(await text('#list')).toBe('0:Apple\n1:Blueberry\n2:Cherry');
    expect(await text('#text')).toContain('Hello, bob!');
    await setPageData({ items: [{ id: 'c', name: 'Cherry' }, { id: 'a', name: 'Apple' }] });
    const nodes = await frame.evaluate(() => Array.from(document.querySelectorAll('#list > wx-view')).map((el) => [(el as HTMLElement & { original?: string }).original, el.textContent]));
    // Cherry and Apple are the same elements as before, moved; Banana's element is gone.
    expect(nodes).toEqual([['2:Cherry', '0:Cherry'], ['0:Apple', '1:Apple']]);
  });

  it('converts rpx against the view width and applies app.wxss with its @import', async () => {
    const frame = await viewFrame(session.page);
    const sizes = await frame.evaluate(() => {
      const box = document.getElementById('text') as HTMLElement;
      return { width: box.getBoundingClientRect().width, height: box.getBoundingClientRect().height, viewport: document.documentElement.clientWidth, background: getComputedStyle(document.body).backgroundColor };
    });
    expect(sizes.width).toBeCloseTo(sizes.viewport / 2, 0);
    expect(sizes.height).toBeCloseTo(innerWidthRatio(sizes.viewport, 75), 0);
    expect(sizes.background).toBe('rgb(1, 2, 3)');
  });
});

describe('createSelectorQuery', () => {
  it('measures nodes in the view and returns dataset and size, in request order', async () => {
    const results = await inLogic<Array<unknown>>(
      session.page,
      `new Promise((resolve) => wx.createSelectorQuery().select('#text').boundingClientRect().selectAll('#list .item').fields({ dataset: true, size: true }).selectViewport().scrollOffset().exec(resolve))`,
    );
    const [text, items, viewport] = results as [{ id: string; width: number; top: number }, Array<{ dataset: Record<string, string>; height: number }>, { scrollTop: number }];
    expect(text.id).toBe('text');
    expect(text.width).toBeGreaterThan(100);
    expect(items.map((item) => item.dataset.id)).toEqual(['c', 'a']);
    expect(items[0]?.height).toBeGreaterThan(0);
    expect(viewport.scrollTop).toBe(0);
  });
});

function innerWidthRatio(viewport: number, rpx: number): number {
  return (viewport * rpx) / 750;
}
