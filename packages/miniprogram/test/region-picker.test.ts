import type { Frame } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FIXTURES, logs, simulatorForFile, viewFrame, waitForLog } from './support/browser-harness';

/**
 * `<picker mode="region">` as WeChat has it: a tap opens a sheet with cancel, the header text and
 * confirm over one column per level, the picker's value chosen; confirm reports the names and
 * six-digit GB/T 2260 codes. The sheet's code and the division table come from the host the
 * first time a picker opens: neither is in the view runtime nor fetched by a program that never
 * opens one.
 */
const session = simulatorForFile(`${FIXTURES}region-picker`);

/** The text of the chosen row in each column of the open sheet. */
async function chosenRows(frame: Frame): Promise<string[]> {
  const columns = frame.locator('tsr-picker-sheet select');
  await columns.first().waitFor();
  return columns.evaluateAll((selects) => (selects as HTMLSelectElement[]).map((select) => select.selectedOptions[0]?.textContent ?? ''));
}

async function open(frame: Frame, id: string): Promise<void> {
  await frame.locator(`#${id}`).click();
  await frame.locator('tsr-picker-sheet select').first().waitFor();
}

const lines = async (prefix: string): Promise<string[]> => (await logs(session.page)).filter((line) => line.startsWith(prefix));

describe('picker mode="region"', () => {
  it('is not in the view runtime and is not fetched until a picker opens', async () => {
    const view = await session.page.evaluate(async () => (await fetch('/__tessera/view.js')).text());
    // Neither the table nor the sheet's code is in the script every page's view starts with.
    expect(view).not.toContain('海珠区');
    expect(view).not.toContain('tsr-picker-sheet');
    const requested: string[] = [];
    session.page.on('request', (request) => {
      if (request.url().includes('region-picker.json')) requested.push(request.url());
    });
    const frame = await viewFrame(session.page);
    await frame.locator('.shown').waitFor();
    expect(requested).toEqual([]);
    await open(frame, 'full');
    expect(requested).toHaveLength(1);
    await frame.locator('tsr-picker-sheet .tsr-picker-cancel').click();
    await frame.locator('tsr-picker-sheet').waitFor({ state: 'detached' });
  });

  it('opens on the current value in three columns and reports the chosen names and codes', async () => {
    const frame = await viewFrame(session.page);
    await open(frame, 'full');
    expect(await frame.locator('tsr-picker-sheet .tsr-picker-title').textContent()).toBe('选择收货地区');
    expect(await chosenRows(frame)).toEqual(['广东省', '广州市', '海珠区']);
    const columns = frame.locator('tsr-picker-sheet select');
    await columns.nth(2).selectOption({ label: '天河区' });
    await frame.locator('tsr-picker-sheet .tsr-picker-confirm').click();
    await waitForLog(session.page, 'change ');
    expect(await lines('change ')).toEqual(['change {"value":["广东省","广州市","天河区"],"code":["440000","440100","440106"]}']);
    await frame.locator('.shown', { hasText: '广东省/广州市/天河区' }).waitFor();
    expect(await frame.locator('tsr-picker-sheet').count()).toBe(0);

    // A new province starts its cities and districts from their first rows.
    await open(frame, 'full');
    expect(await chosenRows(frame)).toEqual(['广东省', '广州市', '天河区']);
    await columns.nth(0).selectOption({ label: '北京市' });
    expect(await chosenRows(frame)).toEqual(['北京市', '北京市', '东城区']);
    await columns.nth(2).selectOption({ label: '海淀区' });
    await frame.locator('tsr-picker-sheet .tsr-picker-confirm').click();
    await waitForLog(session.page, 'change {"value":["北京市"');
    expect((await lines('change ')).at(-1)).toBe('change {"value":["北京市","北京市","海淀区"],"code":["110000","110100","110108"]}');
  });

  it('shows two columns for level="city"', async () => {
    const frame = await viewFrame(session.page);
    await open(frame, 'city');
    expect(await chosenRows(frame)).toEqual(['广东省', '深圳市']);
    await frame.locator('tsr-picker-sheet .tsr-picker-confirm').click();
    await waitForLog(session.page, 'city ');
    expect(await lines('city ')).toEqual(['city {"value":["广东省","深圳市"],"code":["440000","440300"]}']);
  });

  it('puts the custom item first in every column', async () => {
    const frame = await viewFrame(session.page);
    await open(frame, 'custom');
    expect(await chosenRows(frame)).toEqual(['全部', '全部', '全部']);
    const columns = frame.locator('tsr-picker-sheet select');
    await columns.nth(0).selectOption({ label: '广东省' });
    expect(await columns.nth(1).locator('option').first().textContent()).toBe('全部');
    expect(await columns.nth(2).locator('option').first().textContent()).toBe('全部');
    await columns.nth(1).selectOption({ label: '广州市' });
    await frame.locator('tsr-picker-sheet .tsr-picker-confirm').click();
    await waitForLog(session.page, 'custom ');
    expect(await lines('custom ')).toEqual(['custom {"value":["广东省","广州市","全部"],"code":["440000","440100",""]}']);
  });

  it('fires cancel from the cancel button and from the mask, without a change', async () => {
    const frame = await viewFrame(session.page);
    const changes = (await lines('change ')).length;
    const cancels = (await lines('cancel full')).length;
    const cancelled = (count: number): Promise<unknown> =>
      session.page.waitForFunction((expected) => (window as unknown as { __simulator: { logs: Array<{ text: string }> } }).__simulator.logs.filter((entry) => entry.text === 'cancel full').length === expected, count);
    await open(frame, 'full');
    await frame.locator('tsr-picker-sheet .tsr-picker-cancel').click();
    await cancelled(cancels + 1);
    await open(frame, 'full');
    await frame.locator('tsr-picker-sheet .tsr-picker-mask').click({ position: { x: 20, y: 20 } });
    await cancelled(cancels + 2);
    expect(await frame.locator('tsr-picker-sheet').count()).toBe(0);
    expect((await lines('change ')).length).toBe(changes);
  });

  it('falls back to the first rows for a value it does not know', async () => {
    const frame = await viewFrame(session.page);
    await open(frame, 'unknown');
    expect(await chosenRows(frame)).toEqual(['北京市', '北京市', '东城区']);
    await frame.locator('tsr-picker-sheet .tsr-picker-confirm').click();
    await waitForLog(session.page, 'unknown ');
    expect(await lines('unknown ')).toEqual(['unknown {"value":["北京市","北京市","东城区"],"code":["110000","110100","110101"]}']);
  });

  it('refuses level="sub-district" with a stable code, and stays shut when disabled', async () => {
    const frame = await viewFrame(session.page);
    await frame.locator('#street').click();
    await waitForLog(session.page, '[picker_region_level_unsupported]');
    await frame.locator('#off').click();
    await waitForLog(session.page, 'off tapped');
    expect(await frame.locator('tsr-picker-sheet').count()).toBe(0);
  });
});
