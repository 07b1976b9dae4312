import { beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, logs, simulatorForFile, viewFrame, waitForLog } from './support/browser-harness';

const session = simulatorForFile(`${FIXTURES}conformance`, '?page=pages/events/events');
let seen = 0;
beforeEach(async () => {
  seen = (await logs(session.page)).length;
});

interface Logged {
  name: string;
  detail: { type: string; target: { id: string; dataset: Record<string, unknown> }; currentTarget: { id: string; dataset: Record<string, unknown> }; mark: Record<string, unknown> };
}

/** Taps an element and returns the handler calls it caused, once `last` has run. */
async function tap(selector: string, last: string): Promise<Logged[]> {
  await (await viewFrame(session.page)).locator(selector).click();
  // Only this tap's lines count: earlier tests logged the same handler names.
  await session.page.waitForFunction(
    ([from, prefix]) => (window as unknown as { __simulator: { logs: Array<{ text: string }> } }).__simulator.logs.slice(from).some((entry) => entry.text.startsWith(prefix)),
    [seen, `event ${last} `] as const,
  );
  // Handlers of one dispatch arrive in order over one port, so the last one means all have run.
  return (await logs(session.page))
    .slice(seen)
    .filter((line) => line.startsWith('event '))
    .map((line) => {
      const [, name = '', json = '{}'] = /^event (\S+) (.*)$/.exec(line) ?? [];
      return { name, detail: JSON.parse(json) as Logged['detail'] };
    });
}

describe('WXML events', () => {
  it('runs capture handlers first, then bubbles until catch, with dataset and mark', async () => {
    const calls = await tap('#inner', 'middle-catch');
    expect(calls.map((call) => call.name)).toEqual(['capture-outer', 'inner', 'middle-catch']);
    const inner = calls[1]?.detail;
    expect(inner?.type).toBe('tap');
    expect(inner?.target).toEqual({ id: 'inner', dataset: { userId: '42', level: 'inner' } });
    expect(inner?.currentTarget).toEqual({ id: 'inner', dataset: { userId: '42', level: 'inner' } });
    expect(inner?.mark).toEqual({ outer: 'o', inner: 'i' });
    expect(calls[2]?.detail.currentTarget.id).toBe('middle');
    expect(calls[2]?.detail.target.id).toBe('inner');
  });

  it('bubbles to ancestors when nothing catches', async () => {
    const calls = await tap('#plain', 'outer');
    expect(calls.map((call) => call.name)).toEqual(['capture-outer', 'plain', 'outer']);
    expect(calls[2]?.detail.currentTarget.dataset).toEqual({ level: 'outer' });
    expect(calls[2]?.detail.target.dataset).toEqual({ level: 'plain' });
  });

  it('stops everything at capture-catch', async () => {
    const calls = await tap('#cc-inner', 'capture-catch');
    await tap('#plain', 'outer');
    const names = (await logs(session.page)).slice(seen).filter((line) => line.startsWith('event ')).map((line) => line.split(' ')[1]);
    expect(calls.map((call) => call.name)).toEqual(['capture-outer', 'capture-catch']);
    // The marker tap's handlers follow directly: no inner or outer handler ran for the first tap.
    expect(names).toEqual(['capture-outer', 'capture-catch', 'capture-outer', 'plain', 'outer']);
  });

  it('runs only the first mut-bind on the path while bind handlers still run', async () => {
    const calls = await tap('#mut-inner', 'outer');
    expect(calls.map((call) => call.name)).toEqual(['capture-outer', 'mut-inner', 'mut-bind', 'outer']);
  });

  it('resolves handler names bound with {{ }}', async () => {
    const calls = await tap('#dynamic', 'outer');
    expect(calls.map((call) => call.name)).toContain('dynamic');
  });

  it('delivers touchstart and touchend with touches', async () => {
    await (await viewFrame(session.page)).locator('#touch').click();
    await waitForLog(session.page, 'event touchend 1');
    expect((await logs(session.page)).slice(seen)).toContain('event touchstart 1');
  });
  /** Presses `selector` with the mouse for `ms`, then taps #plain: its handlers mark the end of what the press caused. */
  async function hold(selector: string, ms: number): Promise<string[]> {
    const box = await (await viewFrame(session.page)).locator(selector).boundingBox();
    if (!box) throw new Error(`${selector} has no box`);
    await session.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await session.page.mouse.down();
    await new Promise((resolve) => setTimeout(resolve, ms));
    await session.page.mouse.up();
    await tap('#plain', 'outer');
    return (await logs(session.page)).slice(seen).filter((line) => line.startsWith('event ')).map((line) => line.split(' ')[1] as string);
  }

  it('lets a long press replace the tap only where a longpress handler runs, as WeChat does', async () => {
    expect(await hold('#hold-tap', 600)).toEqual(['hold-tap', 'capture-outer', 'plain', 'outer']);
    seen = (await logs(session.page)).length;
    expect(await hold('#hold-both', 600)).toEqual(['longpress', 'capture-outer', 'plain', 'outer']);
  });
});
