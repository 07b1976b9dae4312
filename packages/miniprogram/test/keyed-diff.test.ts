import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, inLogic, simulatorForFile, viewFrame, waitForLog } from './support/browser-harness';


const session = simulatorForFile(`${FIXTURES}conformance`);
beforeAll(async () => {
  await waitForLog(session.page, 'render.onReady');
});

describe('keyed list updates', () => {
  it('render any sequence of reorders, inserts and removals correctly and keep the DOM node of every surviving key', async () => {
    const frame = await viewFrame(session.page);
    const ids = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), { maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(fc.array(ids, { minLength: 1, maxLength: 6 }), async (steps) => {
        for (const step of steps) {
          const before = await frame.evaluate(() => Object.fromEntries(Array.from(document.querySelectorAll('#list > wx-view')).map((el) => {
            const tagged = el as HTMLElement & { tag?: number };
            tagged.tag ??= Math.random();
            return [el.getAttribute('data-id'), tagged.tag];
          })));
          const items = step.map((id) => ({ id, name: id.toUpperCase() }));
          await inLogic(session.page, `new Promise((resolve) => getCurrentPages()[0].setData({ items: ${JSON.stringify(items)} }, resolve))`);
          const after = await frame.evaluate(() => Array.from(document.querySelectorAll('#list > wx-view')).map((el) => [el.getAttribute('data-id'), el.textContent, (el as HTMLElement & { tag?: number }).tag]));
          expect(after.map(([id, text]) => [id, text])).toEqual(step.map((id, index) => [id, `${index}:${id.toUpperCase()}`]));
          for (const [id, , tag] of after) if (before[id as string] !== undefined) expect(tag).toBe(before[id as string]);
        }
      }),
      { numRuns: 25, seed: 20261127 },
    );
  });
});
