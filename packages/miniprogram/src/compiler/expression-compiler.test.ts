import { describe, expect, it } from 'vitest';
import { CompileError } from './compile-error';
import { compileExpression, compileValue, splitBindings } from './expression-compiler';

const where = { file: 'p.wxml', source: '', offset: 0 };

function evaluate(expression: string, scope: Record<string, unknown>, asObject = false): unknown {
  const code = compileExpression(expression, { ...where, source: expression }, 's', asObject);
  const helpers = { m: (object: Record<string, unknown>, key: string) => object?.[key], str: (value: unknown) => (value == null ? '' : String(value)) };
  return new Function('s', 'h', `return (${code});`)(scope, helpers);
}

describe('compileExpression', () => {
  it('reads names from the scope and supports the WXML operators', () => {
    expect(evaluate('a + b * 2', { a: 1, b: 3 })).toBe(7);
    expect(evaluate('flag ? "yes" : "no"', { flag: false })).toBe('no');
    expect(evaluate('user.name.length > 2 && !hidden', { user: { name: 'Ann' }, hidden: false })).toBe(true);
    expect(evaluate('list[index].title', { list: [{ title: 'x' }], index: 0 })).toBe('x');
    expect(evaluate('[a, ...rest]', { a: 1, rest: [2, 3] })).toEqual([1, 2, 3]);
    expect(evaluate('{ a, b: 2 }', { a: 1 })).toEqual({ a: 1, b: 2 });
    expect(evaluate('`n=${n}`', { n: 4 })).toBe('n=4');
    expect(evaluate('price.toFixed(2)', { price: 3 })).toBe('3.00');
    expect(evaluate('undefined === missing', {})).toBe(true);
  });

  it('reads a path through a missing object as undefined, as WXML does', () => {
    expect(evaluate('detail.author.avatar_url', { detail: {} })).toBeUndefined();
    expect(evaluate('detail.author[key].x', { detail: {}, key: 'a' })).toBeUndefined();
    expect(evaluate('list[0].title', { list: [] })).toBeUndefined();
  });

  it('compiles template data as an object body with spread', () => {
    expect(evaluate('...item, extra: 1', { item: { a: 1 } }, true)).toEqual({ a: 1, extra: 1 });
  });

  it('rejects statements, functions and paths to the Function constructor', () => {
    expect(() => evaluate('() => 1', {})).toThrow(/arrow function expression is not allowed/);
    expect(() => evaluate('a = 1', {})).toThrow(/assignment expression is not allowed/);
    expect(() => evaluate('a.constructor', {})).toThrow(/"constructor" is not accessible/);
    expect(() => evaluate('/x/.test(a)', {})).toThrow(/regular expression literals/);
  });

  it('points a syntax error at the right column of the file', () => {
    const source = '<view>\n  <text>{{ a + }}</text>\n</view>';
    const offset = source.indexOf('{{') + 2;
    try {
      compileExpression(' a + ', { file: 'p.wxml', source, offset }, 's');
      throw new Error('expected failure');
    } catch (error) {
      expect(error).toBeInstanceOf(CompileError);
      expect((error as CompileError).code).toBe('bad_expression');
      expect((error as CompileError).position).toMatchObject({ file: 'p.wxml', line: 2 });
    }
  });
});

describe('compileValue', () => {
  it('keeps the type of a lone binding and concatenates mixed text', () => {
    expect(compileValue('{{count}}', where, 's')).toBe('s["count"]');
    expect(compileValue('a {{b}}', where, 's')).toBe('"a " + h.str(s["b"])');
    expect(compileValue('plain', where, 's')).toBe('"plain"');
  });

  it('splits bindings with offsets', () => {
    expect(splitBindings('x{{a}}y')).toEqual([{ kind: 'text', text: 'x' }, { kind: 'binding', text: 'a', offset: 3 }, { kind: 'text', text: 'y' }]);
  });
});
