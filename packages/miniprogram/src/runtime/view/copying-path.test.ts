import { describe, expect, it } from 'vitest';
import { setAtPathCopying } from './copying-path';

describe('setAtPathCopying', () => {
  it('copies only the objects on the path, once per batch, leaving the previous data untouched', () => {
    const rows = [{ label: 'a' }, { label: 'b' }, { label: 'c' }];
    const before = { rows, title: 't' };
    const copied = new Set<object>();
    let after = setAtPathCopying(before, ['rows', 0, 'label'], 'A', copied);
    after = setAtPathCopying(after, ['rows', 2, 'label'], 'C', copied);
    expect(after).toEqual({ rows: [{ label: 'A' }, { label: 'b' }, { label: 'C' }], title: 't' });
    expect(before.rows[0]?.label).toBe('a');
    expect((after.rows as object[])[1]).toBe(rows[1]);
    expect((after.rows as object[])[0]).not.toBe(rows[0]);
    expect(copied.size).toBe(4);
  });

  it('creates missing containers and refuses prototype keys', () => {
    expect(setAtPathCopying({}, ['a', 1, 'b'], 1, new Set())).toEqual({ a: [undefined, { b: 1 }] });
    expect(() => setAtPathCopying({}, ['__proto__', 'x'], 1, new Set())).toThrow(/__proto__/);
  });
});
