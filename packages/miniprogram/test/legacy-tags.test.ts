import type { Frame } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, inLogic, simulatorForFile, viewFrame, waitForLog } from './support/browser-harness';

let frame: Frame;

const session = simulatorForFile(`${FIXTURES}legacy-tags`);
beforeAll(async () => {
  frame = await viewFrame(session.page);
  await frame.waitForSelector('#name .wx-placeholder');
});

async function setPageData(patch: Record<string, unknown>): Promise<void> {
  await inLogic(session.page, `new Promise((resolve) => getCurrentPages()[0].setData(${JSON.stringify(patch)}, resolve))`);
}

const style = (selector: string, property: string): Promise<string> => frame.locator(selector).evaluate((node, name) => getComputedStyle(node).getPropertyValue(name), property);

describe('placeholder-class and placeholder-style', () => {
  it('draws the placeholder with the page class and style, and hides it while the field has text', async () => {
    expect(await frame.locator('#name .wx-placeholder').innerText()).toBe('Your name');
    expect(await style('#name .wx-placeholder', 'color')).toBe('rgb(0, 0, 255)');
    expect(await style('#name .wx-placeholder', 'font-style')).toBe('italic');
    // 75rpx is a tenth of the view's width.
    const width = await frame.evaluate(() => document.documentElement.clientWidth);
    expect(Number.parseFloat(await style('#name .wx-placeholder', 'font-size'))).toBeCloseTo(width / 10, 0);
    expect(await style('#note .wx-placeholder', 'color')).toBe('rgb(0, 128, 0)');
    // A field without placeholder-class gets WeChat's grey; one without a placeholder gets none.
    expect(await frame.locator('#bare .wx-placeholder').count()).toBe(0);

    await frame.locator('#name input').fill('Ada');
    expect(await frame.locator('#name .wx-placeholder').isVisible()).toBe(false);
    await frame.locator('#name input').fill('');
    expect(await frame.locator('#name .wx-placeholder').isVisible()).toBe(true);
    // Set from the logic layer too.
    await setPageData({ name: 'Grace' });
    expect(await frame.locator('#name .wx-placeholder').isVisible()).toBe(false);
    // The native placeholder stays for assistive technology.
    expect(await frame.locator('#name input').getAttribute('placeholder')).toBe('Your name');
  });

  it('scopes placeholder-class inside a component to the component\'s own styles', async () => {
    expect(await style('name-field .wx-placeholder', 'color')).toBe('rgb(255, 0, 0)');
    expect(await style('name-field .wx-placeholder', 'font-style')).toBe('normal');
  });
});

describe('legacy prompt tags', () => {
  it('shows <toast> with WeChat\'s look and asks to be hidden after its duration', async () => {
    expect(await frame.locator('#toast').isVisible()).toBe(false);
    await setPageData({ toastHidden: false });
    expect(await frame.locator('#toast .wx-legacy-text').innerText()).toBe('Saved');
    expect(await style('#toast .wx-legacy-box', 'background-color')).toBe('rgba(17, 17, 17, 0.7)');
    expect(await frame.locator('#toast .wx-legacy-success').isVisible()).toBe(true);
    await waitForLog(session.page, 'toast change');
    await frame.waitForSelector('#toast', { state: 'hidden' });
  });

  it('shows <loading> with a spinner while not hidden', async () => {
    await setPageData({ loadingHidden: false });
    expect(await frame.locator('#loading .wx-legacy-text').innerText()).toBe('Loading');
    expect(await frame.locator('#loading .wx-legacy-spinner').isVisible()).toBe(true);
    await setPageData({ loadingHidden: true });
    expect(await frame.locator('#loading').isVisible()).toBe(false);
  });

  it('draws <modal> with its title, content and buttons, firing confirm and cancel (the mask cancels)', async () => {
    await setPageData({ modalHidden: false });
    expect(await frame.locator('#modal .wx-modal-title').innerText()).toBe('Delete?');
    expect(await frame.locator('#modal .wx-modal-content').innerText()).toBe('This cannot be undone');
    expect(await frame.locator('#modal .wx-modal-cancel').innerText()).toBe('取消');
    expect(await frame.locator('#modal .wx-modal-confirm').innerText()).toBe('Delete');
    // Taps go in as click events: a real press on a loaded machine can outlast 350 ms and become a longpress.
    await frame.locator('#modal .wx-modal-confirm').dispatchEvent('click');
    await waitForLog(session.page, 'modal confirm');
    await frame.waitForSelector('#modal', { state: 'hidden' });

    await setPageData({ modalHidden: false });
    await frame.locator('#modal .wx-legacy-mask').dispatchEvent('click');
    await waitForLog(session.page, 'modal cancel');
    await frame.waitForSelector('#modal', { state: 'hidden' });
  });

  it('draws <action-sheet> from the bottom: items take taps, cancel fires change, and it starts hidden by default', async () => {
    expect(await frame.locator('#default-sheet').isVisible()).toBe(false);
    await setPageData({ sheetHidden: false });
    const [bottom, height] = await frame.locator('#sheet .wx-action-sheet-menu').evaluate((menu) => [Math.round(menu.getBoundingClientRect().bottom), document.documentElement.clientHeight]);
    expect(bottom).toBe(height);
    await frame.locator('#pick-a').dispatchEvent('click');
    await waitForLog(session.page, 'picked a');
    await frame.locator('#sheet-cancel').dispatchEvent('click');
    await waitForLog(session.page, 'sheet change');
    await frame.waitForSelector('#sheet', { state: 'hidden' });
  });
});
