import { describe, expect, it } from 'vitest';
import { FIXTURES, inLogic, simulatorForFile, topPageFrame, viewFrame } from './support/browser-harness';

// Constructs found in programs published for WeChat years ago, reproduced in a fixture of our own.
const session = simulatorForFile(`${FIXTURES}legacy`);

describe('programs written for older WeChat runtimes', () => {
  it('runs modules in sloppy mode, so assigning an undeclared variable works', async () => {
    const frame = await viewFrame(session.page);
    await frame.locator('#label', { hasText: '3 items' }).waitFor();
  });

  it('keeps functions held in page option fields other than data', async () => {
    expect(await (await viewFrame(session.page)).locator('#shout').innerText()).toBe('HI!');
  });

  it('renders a path through data that has not arrived yet as empty text', async () => {
    const frame = await viewFrame(session.page);
    expect(await frame.locator('#author').innerText()).toBe('[]');
  });

  it('hides the tab bar on a page that is not a tab', async () => {
    expect(await session.page.locator('.tsr-tabbar').isVisible()).toBe(true);
    // A tap as a click event: a real press on a loaded machine can outlast 350 ms and become a longpress.
    await (await viewFrame(session.page)).locator('#open').dispatchEvent('click');
    // The new page's frame, not the one still on screen while the navigation is taken.
    await (await topPageFrame(session.page, 'pages/item/item')).locator('#item').waitFor();
    expect(await session.page.locator('.tsr-tabbar').isVisible()).toBe(false);
  });

  it('runs a page that has a template but no script, as WeChat does', async () => {
    await inLogic(session.page, `wx.switchTab({ url: '/pages/more/more' })`);
    await (await topPageFrame(session.page, 'pages/more/more')).locator('#more').waitFor();
    expect(await session.page.locator('.tsr-tab[aria-selected=true]').innerText()).toBe('More');
  });

  it('exposes a checkbox state as aria-checked, which stylesheets for WeChat select on', async () => {
    const frame = await viewFrame(session.page);
    const background = (): Promise<string> => frame.locator('#box').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await background()).toBe('rgb(7, 193, 96)');
    await frame.locator('#toggle').click();
    await frame.locator('.cp[aria-checked=false]').waitFor();
    expect(await background()).toBe('rgba(0, 0, 0, 0)');
  });
});
