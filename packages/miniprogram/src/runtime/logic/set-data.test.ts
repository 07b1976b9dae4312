import { describe, expect, it } from 'vitest';
import { setData, type DataOwner } from './set-data';
import { ViewChannel, type PortLike } from './view-channel';

/** A port that records what the logic sends, standing in for the view on the other side. */
function recordingPort(): PortLike & { sent: unknown[] } {
  return { sent: [], onmessage: null, postMessage(message: unknown) { this.sent.push(message); } };
}

function makeOwner(data: Record<string, unknown>): { owner: DataOwner; port: ReturnType<typeof recordingPort> } {
  const channel = new ViewChannel(() => {});
  const port = recordingPort();
  channel.attach(port);
  return { owner: { data, ownerId: 0, channel, initialized: true }, port };
}

describe('setData', () => {
  it('updates this.data synchronously and sends one batched update per tick', async () => {
    const { owner, port } = makeOwner({ a: { b: [1, 2, { c: 0 }] }, n: 1 });
    setData(owner, { 'a.b[2].c': 5 });
    setData(owner, { n: 2, m: 'x' });
    expect(owner.data).toEqual({ a: { b: [1, 2, { c: 5 }] }, n: 2, m: 'x' });
    expect(port.sent).toEqual([]);
    await Promise.resolve();
    expect(port.sent).toEqual([{ type: 'update', seq: 1, batches: [{ owner: 0, changes: [['a.b[2].c', '5'], ['n', '2'], ['m', '"x"']] }] }]);
  });

  it('does not send primitives that did not change', async () => {
    const { owner, port } = makeOwner({ n: 1 });
    setData(owner, { n: 1 });
    await Promise.resolve();
    expect(port.sent).toEqual([]);
  });

  it('copies values so later mutation does not leak into the view or this.data', async () => {
    const { owner, port } = makeOwner({});
    const list = [1];
    setData(owner, { list });
    list.push(2);
    await Promise.resolve();
    expect(owner.data.list).toEqual([1]);
    expect(JSON.stringify(port.sent)).toContain('"[1]"');
  });

  it('runs the callback after the view reports the render', async () => {
    const { owner, port } = makeOwner({});
    const calls: string[] = [];
    setData(owner, { a: 1 }, () => calls.push('rendered'));
    await Promise.resolve();
    expect(calls).toEqual([]);
    port.onmessage?.({ data: { type: 'rendered', seq: 1 } } as MessageEvent);
    expect(calls).toEqual(['rendered']);
  });

  it('warns about undefined values and refuses more than 1 MB', () => {
    const { owner } = makeOwner({});
    const warnings: string[] = [];
    setData(owner, { a: undefined, b: 1 }, undefined, (text) => warnings.push(text));
    expect(warnings).toEqual(['setData: the value of "a" is undefined and was not set']);
    expect(owner.data).toEqual({ b: 1 });
    expect(() => setData(owner, { big: 'x'.repeat(1024 * 1024) })).toThrow(/more than 1 MB/);
  });
});
