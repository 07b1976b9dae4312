import fc from 'fast-check';
import type { Frame } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, inLogic, simulatorForFile, viewFrame, waitForLog } from './support/browser-harness';

let frame: Frame;

interface Row {
  id: string;
  label: string;
  done?: boolean;
}

const session = simulatorForFile(`${FIXTURES}rows`);
beforeAll(async () => {
  await waitForLog(session.page, 'rows.onReady');
  frame = await viewFrame(session.page);
});

async function setData(patch: Record<string, unknown>): Promise<void> {
  await inLogic(session.page, `new Promise((resolve) => getCurrentPages()[0].setData(${JSON.stringify(patch)}, resolve))`);
}

/** Each row element's id, text and a tag that survives as long as the DOM node does. */
async function rows(): Promise<Array<{ id: string; text: string; tag: number }>> {
  return frame.evaluate(() =>
    Array.from(document.querySelectorAll('#rows > wx-view')).map((el) => {
      const tagged = el as HTMLElement & { tag?: number };
      tagged.tag ??= Math.random();
      return { id: el.getAttribute('data-id') ?? '', text: el.textContent ?? '', tag: tagged.tag };
    }),
  );
}

const renders = (): Promise<string> => frame.evaluate(() => document.getElementById('renders')?.textContent ?? '');
const expected = (list: Row[]): Array<{ id: string; text: string }> => list.map((row, index) => ({ id: row.id, text: `${index}:${row.label}${row.done ? 'done' : ''}` }));

describe('setData inside one row of a list', () => {
  it('patches that row alone: the page is not rendered again and every row keeps its DOM node', async () => {
    await setData({ rows: [{ id: 'a', label: 'Apple' }, { id: 'b', label: 'Banana' }, { id: 'c', label: 'Cherry' }] });
    const before = await rows();
    const rendersBefore = await renders();
    await setData({ 'rows[1].label': 'Blueberry', 'rows[2].done': true });
    const after = await rows();
    expect(after.map(({ id, text }) => ({ id, text }))).toEqual(expected([{ id: 'a', label: 'Apple' }, { id: 'b', label: 'Blueberry' }, { id: 'c', label: 'Cherry', done: true }]));
    expect(after.map((row) => row.tag)).toEqual(before.map((row) => row.tag));
    expect(await renders()).toBe(rendersBefore);
    expect(await frame.evaluate(() => document.querySelector('#rows > wx-view[data-id="c"] > .done')?.textContent)).toBe('done');
  });

  it('renders the page when a change reaches outside the rows', async () => {
    const rendersBefore = await renders();
    await setData({ 'rows[0].label': 'Apricot', total: 4 });
    expect(await renders()).not.toBe(rendersBefore);
    expect(await frame.evaluate(() => document.getElementById('total')?.textContent)).toBe('4');
    expect((await rows())[0]?.text).toBe('0:Apricot');
  });

  it('gives a row whose key changed a new node, as the keyed diff does', async () => {
    await setData({ rows: [{ id: 'a', label: 'Apple' }, { id: 'b', label: 'Banana' }] });
    const before = await rows();
    await setData({ 'rows[0].id': 'z' });
    const after = await rows();
    expect(after.map(({ id, text }) => ({ id, text }))).toEqual(expected([{ id: 'z', label: 'Apple' }, { id: 'b', label: 'Banana' }]));
    expect(after[0]?.tag).not.toBe(before[0]?.tag);
    expect(after[1]?.tag).toBe(before[1]?.tag);
  });

  it('keeps keyed diffing right through any mix of row changes and whole-list changes', async () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const step = fc.oneof(
      fc.record({ kind: fc.constant('label' as const), index: fc.nat(4), label: fc.constantFrom('x', 'yy', 'zzz') }),
      fc.record({ kind: fc.constant('done' as const), index: fc.nat(4), done: fc.boolean() }),
      fc.record({ kind: fc.constant('list' as const), order: fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 5 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        let model: Row[] = ids.slice(0, 3).map((id) => ({ id, label: id.toUpperCase() }));
        await setData({ rows: model });
        for (const change of steps) {
          const before = new Map((await rows()).map((row) => [row.id, row.tag]));
          if (change.kind === 'list') {
            model = change.order.map((id) => model.find((row) => row.id === id) ?? { id, label: id.toUpperCase() });
            await setData({ rows: model });
          } else {
            if (change.index >= model.length) continue;
            const field = change.kind === 'label' ? { label: change.label } : { done: change.done };
            model = model.map((row, index) => (index === change.index ? { ...row, ...field } : row));
            await setData({ [`rows[${change.index}].${change.kind}`]: change.kind === 'label' ? change.label : change.done });
          }
          const after = await rows();
          expect(after.map(({ id, text }) => ({ id, text }))).toEqual(expected(model));
          for (const row of after) if (before.has(row.id)) expect(row.tag).toBe(before.get(row.id));
        }
      }),
      { numRuns: 15, seed: 20261130 },
    );
  });
});
