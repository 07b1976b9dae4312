import { describe, expect, it } from 'vitest';
import { FIXTURES, inLogic, logs, simulatorForFile, viewFrame, waitForLog } from './support/browser-harness';

/**
 * Feed programs write each row as a <navigator> with a bindtap that stores the row for the next
 * page, and put image previews inside it with catchtap: WeChat only follows a navigator when the
 * tap reaches it, so a tap caught inside (or in a capture phase above) leaves the page where it is.
 */
const session = simulatorForFile(`${FIXTURES}navigator-taps`);

const stack = (): Promise<string[]> => inLogic(session.page, 'getCurrentPages().map((page) => page.route + "?" + (page.options.id ?? ""))');

async function waitForDepth(depth: number): Promise<void> {
  await session.page.waitForFunction((expected) => (window as unknown as { __simulator: { host: { pages(): unknown[] } } }).__simulator.host.pages().length === expected, depth);
}

// Taps go in as click events: a real press on a loaded machine can outlast 350 ms and become a longpress.
async function tap(selector: string): Promise<void> {
  await (await viewFrame(session.page)).locator(selector).dispatchEvent('click');
}

describe('navigator and the taps that reach it', () => {
  it('stays on the page when a catchtap inside the navigator, or a capture-catchtap above it, takes the tap', async () => {
    const frame = await viewFrame(session.page);
    await frame.waitForSelector('.row');
    await tap('.row >> nth=0 >> .thumb');
    await waitForLog(session.page, 'tap preview a');
    await tap('.shielded-link');
    await waitForLog(session.page, 'tap shielded');
    // A tap that does reach the row: the row's handler runs first, then the navigator opens the
    // next page, which finds what the handler stored. Only this tap navigated.
    await tap('.row >> nth=1 >> .plain');
    await waitForDepth(2);
    const item = await viewFrame(session.page);
    await item.waitForSelector('.item:not(:empty)');
    expect(await item.locator('.item').innerText()).toBe('b from storage b');
    expect(await stack()).toEqual(['pages/list/list?', 'pages/item/item?b']);
    const lines = await logs(session.page);
    expect(lines.filter((line) => line.startsWith('tap '))).toEqual(['tap preview a', 'tap shielded', 'tap plain', 'tap row b']);
  });

  it('follows a navigator whose own catchtap takes the tap', async () => {
    await inLogic(session.page, 'wx.navigateBack()');
    await waitForDepth(1);
    await tap('.caught-link');
    await waitForDepth(2);
    await waitForLog(session.page, 'tap own catch');
    expect(await stack()).toEqual(['pages/list/list?', 'pages/item/item?caught']);
  });
});
