import { readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../src/compiler/compile-project';
import { browserForFile, viewFrame, type SimulatorSession } from './support/browser-harness';

const EXAMPLES = new URL('../../../miniprograms/examples/', import.meta.url).pathname;

const simulators = browserForFile();

function open(name: string): Promise<SimulatorSession> {
  return simulators.open(`${EXAMPLES}${name}`);
}

describe('examples', () => {
  it.each(readdirSync(EXAMPLES))('%s compiles without problems', async (name) => {
    const result = await compileProject(`${EXAMPLES}${name}`);
    expect(result.ok ? [] : result.errors.map((error) => error.format())).toEqual([]);
  });

  it('todo: adds and completes todos, and the Stats tab reads them from storage', async () => {
    const { page } = await open('todo');
    let frame = await viewFrame(page);
    for (const title of ['Buy milk', 'Write docs']) {
      await frame.locator('.add wx-input input').fill(title);
      await frame.locator('.add wx-button').click();
      await frame.locator('todo-item', { hasText: title }).waitFor();
    }
    await frame.locator('todo-item', { hasText: 'Buy milk' }).locator('wx-checkbox').click();
    await frame.locator('text=1 left').waitFor();
    await page.locator('.tsr-tab', { hasText: 'Stats' }).click();
    await page.waitForFunction(() => document.querySelector('.tsr-title')?.textContent === 'Stats');
    frame = await viewFrame(page);
    await frame.locator('wx-progress', { hasText: '50%' }).waitFor();
    expect(await page.locator('.tsr-tab[aria-selected=true]').innerText()).toBe('Stats');
    // Tab bar badges are host chrome too.
    const worker = page.workers().at(-1);
    await worker?.evaluate(() => (globalThis as unknown as { wx: { setTabBarBadge(options: object): Promise<unknown> } }).wx.setTabBarBadge({ index: 0, text: '2' }));
    expect(await page.locator('.tsr-tab >> nth=0').locator('.tsr-badge').innerText()).toBe('2');
    await worker?.evaluate(() => (globalThis as unknown as { wx: { removeTabBarBadge(options: object): Promise<unknown> } }).wx.removeTabBarBadge({ index: 0 }));
    expect(await page.locator('.tsr-badge').count()).toBe(0);
  });

  it('news-list: pages through wx.request results, refreshes on pull-down and opens an article', async () => {
    const fixture = (await import(`${EXAMPLES}news-list/fixture-server.mjs`)) as { server: Server };
    try {
      const { page } = await open('news-list');
      const frame = await viewFrame(page);
      await frame.locator('wx-view.article >> nth=9').waitFor();
      expect(await frame.locator('wx-view.article').count()).toBe(10);
      expect(await frame.locator('wx-view.article').first().innerText()).toBe('Article 1\n2026-01-01 · 137 reads');
      await frame.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await frame.locator('wx-view.article >> nth=19').waitFor();
      await page.evaluate(() => (window as unknown as { __simulator: { host: { pullDown(): void } } }).__simulator.host.pullDown());
      await frame.waitForFunction(() => document.querySelectorAll('wx-view.article').length === 10);
      await frame.locator('wx-view.article', { hasText: 'Article 3' }).click();
      await page.waitForFunction(() => document.querySelector('.tsr-title')?.textContent === 'Article 3');
      expect(await (await viewFrame(page)).locator('wx-rich-text').innerText()).toBe('Body of article 3.');
    } finally {
      await new Promise((resolve) => fixture.server.close(resolve));
    }
  });

  it('components-slots: a rating component inside a slotted card reports changes to the page', async () => {
    const { page } = await open('components-slots');
    const frame = await viewFrame(page);
    await frame.locator('wx-c-rating wx-text >> nth=4').click();
    await frame.locator('text=You rated it 5 of 5.').waitFor();
    expect(await frame.locator('wx-c-rating').innerText()).toContain('1 change');
    await frame.locator('wx-switch').click();
    await frame.locator('text=You rated it 5 of 10.').waitFor();
    // The stars follow in the component's own update, after the page's text.
    await frame.locator('wx-c-rating wx-text >> nth=10').waitFor();
    expect(await frame.locator('wx-c-rating wx-text').count()).toBe(11);
  });

  it('components-slots: tabs find their panes through relations and switch on tap', async () => {
    const { page } = await open('components-slots');
    const frame = await viewFrame(page);
    await frame.locator('wx-c-tabs', { hasText: 'Weekend' }).waitFor();
    expect(await frame.locator('wx-c-tabs').innerText()).toBe('Weekdays\nWeekend\n9:00 – 18:00');
    await frame.locator('wx-c-tabs wx-text', { hasText: 'Weekend' }).click();
    await frame.locator('wx-c-tabs', { hasText: '10:00 – 16:00' }).waitFor();
    expect(await frame.locator('wx-c-tabs').innerText()).not.toContain('9:00');
  });
});
