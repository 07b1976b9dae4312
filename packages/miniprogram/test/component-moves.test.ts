import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, inLogic, logs, logsAfter, simulatorForFile, viewFrame, waitForLog } from './support/browser-harness';


const session = simulatorForFile(`${FIXTURES}moves`);
beforeAll(async () => {
  await waitForLog(session.page, 'bar linked c');
});

/** Sets page data from the logic layer and waits until the view has applied it. */
async function setPageData(patch: Record<string, unknown>): Promise<void> {
  await inLogic(session.page, `new Promise((resolve) => getCurrentPages()[0].setData(${JSON.stringify(patch)}, resolve))`);
}

describe('moved components', () => {
  it('fires moved and linkChanged on both sides when a keyed reorder moves a related component', async () => {
    await inLogic(session.page, 'console.log("-- swap")');
    await setPageData({ tabs: ['a', 'c', 'b'] });
    const frame = await viewFrame(session.page);
    expect(await frame.locator('tab-item').allInnerTexts()).toEqual(['a', 'c', 'b']);
    const lines = await logsAfter(session.page, '-- swap', 'bar linkChanged');
    // The nodes are kept (no detach/attach); the moved one hears of it, and the parent sees the new order.
    expect(lines.slice(1)).toEqual(['item b moved', 'item b linkChanged', 'bar linkChanged b order=a,c,b']);
    expect(await inLogic(session.page, 'getCurrentPages()[0].barOrder()')).toBe('a,c,b');
  });

  it('keeps relation order through a reversal and fires nothing for updates in place', async () => {
    await inLogic(session.page, 'console.log("-- reverse")');
    await setPageData({ tabs: ['b', 'c', 'a'] });
    await waitForLog(session.page, 'order=b,c,a');
    expect(await inLogic(session.page, 'getCurrentPages()[0].barOrder()')).toBe('b,c,a');
    const moved = (await logsAfter(session.page, '-- reverse', 'order=b,c,a')).filter((line) => line.endsWith(' moved'));
    expect(moved.length).toBeGreaterThan(0);

    await inLogic(session.page, 'console.log("-- quiet start")');
    await setPageData({ tabs: ['b', 'c', 'a'], rows: [{ id: 'x' }, { id: 'y' }] });
    await inLogic(session.page, 'console.log("-- quiet end")');
    const quiet = await logsAfter(session.page, '-- quiet start', '-- quiet end');
    expect(quiet).toEqual(['-- quiet start', '-- quiet end']);
  });

  it('fires moved for a component inside a moved row, without detaching or re-attaching it', async () => {
    await inLogic(session.page, 'console.log("-- row start")');
    await setPageData({ rows: [{ id: 'y' }, { id: 'x' }] });
    await waitForLog(session.page, ' moved');
    const frame = await viewFrame(session.page);
    expect(await frame.locator('plain-box').allInnerTexts()).toEqual(['y', 'x']);
    await inLogic(session.page, 'console.log("-- row end")');
    const lines = await logsAfter(session.page, '-- row start', '-- row end');
    expect(lines.filter((line) => /^box . moved$/.test(line)).length).toBe(1);
    expect((await logs(session.page)).filter((line) => line.endsWith('detached'))).toEqual([]);
  });
});
