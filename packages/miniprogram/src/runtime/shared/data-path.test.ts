import { describe, expect, it } from 'vitest';
import { getAtPath, parseDataPath, setAtPath } from './data-path';

describe('setData paths', () => {
  it('parses dotted keys, array indexes and escapes', () => {
    expect(parseDataPath('a.b[2].c')).toEqual(['a', 'b', 2, 'c']);
    expect(parseDataPath('list[0][1]')).toEqual(['list', 0, 1]);
    expect(parseDataPath('a\\.b')).toEqual(['a.b']);
    expect(() => parseDataPath('a[x]')).toThrow(/bad array index/);
  });

  it('creates missing objects and arrays on the way', () => {
    const data: Record<string, unknown> = {};
    setAtPath(data, parseDataPath('a.list[1].name'), 'x');
    expect(data).toEqual({ a: { list: [undefined, { name: 'x' }] } });
    expect(getAtPath(data, ['a', 'list', 1, 'name'])).toBe('x');
  });

  it('refuses prototype keys', () => {
    expect(() => setAtPath({}, parseDataPath('__proto__.polluted'), 1)).toThrow(/__proto__/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
