import type { Frame } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, logs, simulatorForFile, viewFrame, waitForLog } from './support/browser-harness';

let frame: Frame;

const session = simulatorForFile(`${FIXTURES}composition`);
beforeAll(async () => {
  await waitForLog(session.page, 'composition ready');
  frame = await viewFrame(session.page);
});

const color = (selector: string): Promise<string> => frame.locator(selector).evaluate((el) => getComputedStyle(el).color);

describe('component composition', () => {
  it('links relations by target behavior: every component with the behavior, whatever its path', async () => {
    await waitForLog(session.page, 'form linked components/number-field/number-field age count=2');
    const lines = (await logs(session.page)).filter((line) => /^(form|field|plain)/.test(line));
    expect(lines).toEqual([
      'field title in components/field-form/field-form',
      'form linked components/text-field/text-field title count=1',
      'field age in components/field-form/field-form',
      'form linked components/number-field/number-field age count=2',
    ]);
    await frame.locator('#form-fields', { hasText: 'fields: title,age' }).waitFor();
    await frame.locator('#drop-age').click();
    await waitForLog(session.page, 'form unlinked age');
    await frame.locator('#form-fields', { hasText: 'fields: title' }).waitFor();
    expect(await frame.locator('#form-fields').innerText()).toBe('fields: title');
  });

  it("styleIsolation 'shared' lets the component's styles reach the page and apply-shared components", async () => {
    expect(await color('#inner-badge')).toBe('rgb(0, 0, 255)');
    expect(await color('#page-badge')).toBe('rgb(0, 0, 255)');
    expect(await color('#apply-badge')).toBe('rgb(0, 0, 255)');
    expect(await color('#iso-badge')).toBe('rgb(0, 0, 0)');
  });

  it("styleIsolation 'apply-shared' takes page styles in but keeps its own inside; 'isolated' takes none", async () => {
    expect(await color('#page-tint')).toBe('rgb(255, 0, 0)');
    expect(await color('#apply-tint')).toBe('rgb(255, 0, 0)');
    expect(await color('#apply-own')).toBe('rgb(0, 128, 0)');
    expect(await color('#page-box-only')).toBe('rgb(0, 0, 0)');
    expect(await color('#iso-tint')).toBe('rgb(0, 0, 0)');
  });

  it('virtualHost: the host draws no box and its children lay out as children of the parent', async () => {
    const boxes = await frame.locator('#row').evaluate((row) => {
      const hosts = Array.from(row.children).map((host) => host.getBoundingClientRect());
      const cells = Array.from(row.querySelectorAll('.cell, [id^="cell-"]')).map((cell) => {
        const box = cell.getBoundingClientRect();
        return { x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height), flexItem: getComputedStyle(cell).flexShrink };
      });
      return { hostWidths: hosts.map((box) => box.width), cells, rowLeft: Math.round(row.getBoundingClientRect().x) };
    });
    expect(boxes.hostWidths).toEqual([0, 0, 0]);
    // Three 100px cells side by side in the 300px flex row, each a flex item of it.
    expect(boxes.cells.map((cell) => cell.x - boxes.rowLeft)).toEqual([0, 100, 200]);
    expect(new Set(boxes.cells.map((cell) => cell.y)).size).toBe(1);
    expect(boxes.cells.map((cell) => [cell.width, cell.height])).toEqual([[100, 40], [100, 40], [100, 40]]);
    const attached = (await logs(session.page)).filter((line) => line.startsWith('cell attached'));
    expect(attached).toEqual(['cell attached a', 'cell attached b', 'cell attached c']);
  });
});
