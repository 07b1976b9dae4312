import { describe, expect, it } from 'vitest';
import { CompileError } from './compile-error';
import { parseWxml, type WxmlElement } from './wxml-parser';

describe('parseWxml', () => {
  it('parses elements, attributes, bare attributes and text', () => {
    const [root] = parseWxml('<view class="a" hidden data-x=\'1\'>hi {{name}}</view>', 'a.wxml') as [WxmlElement];
    expect(root.tag).toBe('view');
    expect(root.attributes.map((attribute) => [attribute.name, attribute.value])).toEqual([['class', 'a'], ['hidden', true], ['data-x', '1']]);
    expect(root.children).toEqual([{ kind: 'text', text: 'hi {{name}}', offset: 34 }]);
  });

  it('keeps < and > inside bindings and quotes inside attribute bindings', () => {
    const [root] = parseWxml('<view class="{{ a > 1 ? "x" : "y" }}">{{ a < b }}</view>', 'a.wxml') as [WxmlElement];
    expect(root.attributes[0]?.value).toBe('{{ a > 1 ? "x" : "y" }}');
    expect(root.children[0]).toMatchObject({ text: '{{ a < b }}' });
  });

  it('keeps wxs bodies as raw script text', () => {
    const [wxs] = parseWxml('<wxs module="m">var a = 1 < 2; module.exports = { a: a };</wxs>', 'a.wxml') as [WxmlElement];
    expect(wxs.rawText).toBe('var a = 1 < 2; module.exports = { a: a };');
  });

  it('skips comments and whitespace-only text, closes self-closing and void tags', () => {
    const nodes = parseWxml('<!-- c --><view>\n  <input value="1"><image src="a"/>\n</view>', 'a.wxml') as WxmlElement[];
    expect(nodes).toHaveLength(1);
    expect((nodes[0] as WxmlElement).children.map((child) => (child as WxmlElement).tag)).toEqual(['input']);
    expect(((nodes[0] as WxmlElement).children[0] as WxmlElement).children.map((child) => (child as WxmlElement).tag)).toEqual(['image']);
  });

  it('reports a mismatched closing tag with its line and column', () => {
    const error = catchError(() => parseWxml('<view>\n  <text>x</view>', 'pages/a.wxml'));
    expect(error.code).toBe('bad_wxml');
    expect(error.position).toEqual({ file: 'pages/a.wxml', line: 2, column: 10 });
    expect(error.format()).toContain('pages/a.wxml:2:10 error[bad_wxml]: expected </text> but found </view>');
    expect(error.frame).toContain('> 2 |   <text>x</view>');
  });

  it('reports an element that is never closed', () => {
    expect(catchError(() => parseWxml('<view><text>', 'a.wxml')).message).toBe('<text> is never closed');
  });
});

function catchError(work: () => unknown): CompileError {
  try {
    work();
  } catch (error) {
    if (error instanceof CompileError) return error;
    throw error;
  }
  throw new Error('expected a CompileError');
}
