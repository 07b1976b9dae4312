import type { Frame } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FIXTURES, inLogic, logs, simulatorForFile, tapLeaving, viewFrame } from './support/browser-harness';

/**
 * A list/detail program written the way published ones use <include> and <wxs>: shared header
 * and footer partials that read the page's data and call its handlers, a partial included
 * inside a wx:for, a date-formatting wxs module (requiring another) called per row, and
 * templates from an imported file that use that file's own wxs, nest, and take spread data.
 */
const session = simulatorForFile(`${FIXTURES}list-detail`);

const texts = (frame: Frame, selector: string): Promise<string[]> => frame.locator(selector).allInnerTexts();

async function topPath(): Promise<string> {
  return inLogic(session.page, 'getCurrentPages().at(-1).route');
}

describe('<include> and <wxs> as list/detail programs use them', () => {
  it('renders included partials with the page data, including one inside wx:for', async () => {
    const frame = await viewFrame(session.page);
    await frame.waitForSelector('.card');
    expect(await texts(frame, '#header .header-title')).toEqual(['Notes']);
    expect(await texts(frame, '#header .header-user')).toEqual(['Reader']);
    expect(await frame.locator('#header .header-back').count()).toBe(0);
    // Inside the loop the partial sees the row's item and index; outside, the page's own fields.
    expect(await texts(frame, '.row-meta')).toEqual(['#1 by Lin', '#2 by Mei', '#3 by Ana', '#10 by page']);
    expect(await texts(frame, '#footer .footer-count')).toEqual(['3 notes']);
    expect(await texts(frame, '#footer .footer-link')).toEqual(['latest']);
    // A partial included by a partial.
    expect(await texts(frame, '#footer .copyright')).toEqual(['© 2026 Tessera']);
  });

  it('formats dates with a wxs module in wx:for rows and inside imported templates', async () => {
    const frame = await viewFrame(session.page);
    expect(await texts(frame, '.row-day')).toEqual(['2024-01-01', '2024-02-02', '2024-03-01']);
    expect(await texts(frame, '.card-date')).toEqual(['2024/01/01 08:00', '2024/02/02 09:00', '2024/03/01 09:00']);
    expect(await texts(frame, '.card-title')).toEqual(['1. First light', '2. Second wind', '3. Third rail']);
    // A template calling another template with part of its data.
    expect(await texts(frame, '.card .tag')).toEqual(['news', 'untagged', 'city', 'rail']);
    expect(await texts(frame, '.summary')).toEqual(['3 in total']);
    // wxs written with exports.x = and module.exports.x =, getDate from a string, used in a class binding.
    expect(await frame.locator('.row').evaluateAll((rows) => rows.map((row) => row.classList.contains('row-new')))).toEqual([false, true, true]);
    expect(await texts(frame, '.badge')).toEqual(['99+']);
  });

  it('keeps templates and wxs modules of an included file out of the includer, as WeChat does', async () => {
    const frame = await viewFrame(session.page);
    expect(await frame.locator('.leak').count()).toBe(0);
    expect(await texts(frame, '.probe')).toEqual(['no footer wxs']);
    expect((await logs(session.page)).some((line) => line.includes('only-in-footer'))).toBe(false);
  });

  it('sends taps in templates and partials to the page, with their dataset', async () => {
    const frame = await viewFrame(session.page);
    // Taps go in as click events: a real press on a loaded machine can outlast 350 ms and become a longpress.
    await frame.locator('.card >> nth=1').dispatchEvent('click');
    await session.page.waitForFunction(() => (window as unknown as { __simulator: { host: { pages(): unknown[] } } }).__simulator.host.pages().length === 2);
    expect(await topPath()).toBe('pages/detail/detail');
    const detail = await viewFrame(session.page);
    await detail.waitForSelector('.detail');
    expect(await texts(detail, '#header .header-title')).toEqual(['Second wind']);
    expect(await texts(detail, '.excerpt')).toEqual(['Bye']);
    expect(await texts(detail, '.detail .card-date')).toEqual(['2024/02/02 09:00']);
    expect(await texts(detail, '.detail .tag')).toEqual(['untagged']);
    // A partial that imports the templates it uses.
    expect(await texts(detail, '.strip .summary')).toEqual(['7 in total']);
    // The included header's back link calls the detail page's own handler.
    await tapLeaving(detail, '#header .header-back');
    await session.page.waitForFunction(() => (window as unknown as { __simulator: { host: { pages(): unknown[] } } }).__simulator.host.pages().length === 1);

    const list = await viewFrame(session.page);
    await list.locator('#footer .footer-link').dispatchEvent('click');
    await session.page.waitForFunction(() => (window as unknown as { __simulator: { host: { pages(): unknown[] } } }).__simulator.host.pages().length === 2);
    const latest = await viewFrame(session.page);
    await latest.waitForSelector('.detail');
    expect(await texts(latest, '.excerpt')).toEqual(['no text']);
    expect(await texts(latest, '.detail .tag')).toEqual(['city', 'rail']);
  });
});
