import type { Frame } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FIXTURES, logs, simulatorForFile, viewFrame, waitForLog } from './support/browser-harness';

/**
 * After a page opens, the host loads a spare view frame (sandboxed, the app's CSP, the view
 * runtime compiled) that the next page takes instead of creating and loading a frame of its own.
 */
const session = simulatorForFile(`${FIXTURES}spare-view`);

interface HostWindow {
  __spare?: Element | null;
}

/** Polls `expression` in `frame` (a sandboxed frame's CSP refuses the string polling waitForFunction uses). */
async function until(frame: Frame, expression: string): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    if (await frame.evaluate(expression)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`never true: ${expression}`);
}

describe('the spare view frame', () => {
  it('is taken by the next page, which renders, styles and handles taps in it, and only its parent can give it a page', async () => {
    const { page } = session;
    await waitForLog(page, 'index.onReady');
    const spare = await (await page.waitForSelector('.tsr-pages > iframe[data-spare="loaded"]', { state: 'attached' })).contentFrame();
    await page.evaluate(() => {
      (window as unknown as HostWindow).__spare = document.querySelector('.tsr-pages > iframe[data-spare]');
    });
    if (!spare) throw new Error('no spare frame');
    // Loaded with the view runtime, waiting: nothing rendered, no page config yet.
    expect(await spare.evaluate('[window.__tesseraSpare, typeof window.__tessera, window.__tesseraPage === undefined, document.body.childElementCount]')).toEqual([true, 'object', true, 0]);
    // A sibling (the first page's view can reach its parent's frames) tries to give the spare a page of its own.
    const first = await viewFrame(page);
    await first.evaluate(`(() => {
      for (let index = 0; index < parent.frames.length; index++) {
        parent.frames[index].postMessage({ type: 'tessera.view.page', page: { path: 'pages/next/next', prefixes: {}, assetBase: 'https://example.com/', webViewOrigins: [] }, css: '', viewPackage: 'document.title = "taken"' }, '*');
      }
    })()`);
    await first.locator('#go').dispatchEvent('click');
    await waitForLog(page, 'next.onReady');
    expect(await page.evaluate(() => {
      const shown = document.querySelector('.tsr-pages > iframe:not([data-hidden])');
      return [shown === (window as unknown as HostWindow).__spare, shown?.getAttribute('data-path'), shown?.hasAttribute('data-spare')];
    })).toEqual([true, 'pages/next/next', false]);
    const next = await viewFrame(page);
    expect(next).toBe(spare);
    await until(next, "document.querySelector('#title')?.textContent === 'next 1'");
    expect(await next.evaluate("[document.title, getComputedStyle(document.querySelector('#title')).color]")).toEqual(['', 'rgb(255, 0, 0)']);
    await next.locator('#tapme').dispatchEvent('click');
    await waitForLog(page, 'next.tapped');
    // The CSP is the app's view policy, as a page's own frame has it.
    expect(await next.evaluate("document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content")).toMatch(/^default-src 'none'; script-src 'nonce-[0-9a-f]+'; /);
    // And another spare is made for the page after.
    await page.waitForSelector('.tsr-pages > iframe[data-spare="loaded"]', { state: 'attached' });
    expect(await page.locator('.tsr-pages > iframe[data-spare]').count()).toBe(1);
    expect((await logs(page)).filter((line) => line.startsWith('next.'))).toEqual(['next.onReady', 'next.tapped']);
  });
});
