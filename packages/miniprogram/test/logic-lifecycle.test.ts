import { describe, expect, it } from 'vitest';
import { FIXTURES, logsAfter, simulatorForFile, tapLeaving, viewFrame, waitForLog } from './support/browser-harness';

const session = simulatorForFile(`${FIXTURES}conformance`, '?page=pages/lifecycle/lifecycle&query=a%3D1');

const stack = (): Promise<string[]> => session.page.evaluate(() => (window as unknown as { __simulator: { host: { pages(): Array<{ path: string }> } } }).__simulator.host.pages().map((page) => page.path));
const visibleFrames = (): Promise<string[]> => session.page.evaluate(() => Array.from(document.querySelectorAll('.tsr-pages > iframe:not([data-hidden])')).map((frame) => (frame as HTMLIFrameElement).dataset.path ?? ''));

describe('logic lifecycles and navigation', () => {
  it('launches App then the page in order, and onReady sees data set in onLoad', async () => {
    const lines = await logsAfter(session.page, 'app.onLaunch', 'lifecycle.onReady');
    expect(lines).toEqual(['app.onLaunch pages/lifecycle/lifecycle', 'app.onShow', 'lifecycle.onLoad {"a":"1"}', 'lifecycle.onShow', 'lifecycle.onReady loaded']);
    expect(await (await viewFrame(session.page)).locator('#status').innerText()).toBe('loaded');
  });

  it('keeps this.data synchronous and calls the setData callback after the view rendered', async () => {
    await (await viewFrame(session.page)).locator('#update').click();
    expect(await logsAfter(session.page, 'sync data', 'callback after render')).toEqual(['sync data updated', 'callback after render']);
    expect(await (await viewFrame(session.page)).locator('#status').innerText()).toBe('updated');
  });

  it('navigateTo hides the old page, loads the new one in a new view and reports success', async () => {
    await (await viewFrame(session.page)).locator('#go').click();
    const lines = await logsAfter(session.page, 'lifecycle.onHide', 'second.onReady');
    expect(lines.filter((line) => !line.startsWith('stack') && !line.startsWith('navigateTo'))).toEqual(['lifecycle.onHide', 'second.onLoad {"x":"1"}', 'second.onShow', 'second.onReady']);
    expect(lines).toContain('navigateTo navigateTo:ok');
    expect(lines).toContain('stack pages/lifecycle/lifecycle,pages/second/second');
    expect(await stack()).toEqual(['pages/lifecycle/lifecycle', 'pages/second/second']);
    expect(await visibleFrames()).toEqual(['pages/second/second']);
    expect(await session.page.locator('.tsr-title').innerText()).toBe('Second');
    // The page's own json styles its navigation bar.
    expect(await session.page.locator('.tsr-navbar').evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor])).toEqual(['rgb(255, 255, 255)', 'rgb(0, 0, 0)']);
    expect(await (await viewFrame(session.page)).locator('#second').innerText()).toBe('second 1');
  });

  it('navigateBack unloads the page, removes its view and shows the previous one', async () => {
    await tapLeaving(await viewFrame(session.page), '#back');
    expect(await logsAfter(session.page, 'second.onUnload', 'lifecycle.onShow')).toEqual(['second.onUnload', 'lifecycle.onShow']);
    await session.page.waitForFunction(() => document.querySelectorAll('.tsr-pages > iframe:not([data-spare])').length === 1);
    expect(await visibleFrames()).toEqual(['pages/lifecycle/lifecycle']);
    expect(await session.page.locator('.tsr-back').isVisible()).toBe(false);
  });

  it('follows <navigator> and the host back button', async () => {
    await (await viewFrame(session.page)).locator('#nav').click();
    await waitForLog(session.page, 'second.onLoad {"from":"navigator"}');
    await session.page.locator('.tsr-back').click();
    await waitForLog(session.page, 'lifecycle.onShow');
    // The stack announcement and the log travel separately; wait for the host to hear both.
    await session.page.waitForFunction(() => (window as unknown as { __simulator: { host: { pages(): unknown[] } } }).__simulator.host.pages().length === 1);
    expect(await stack()).toEqual(['pages/lifecycle/lifecycle']);
  });
});
