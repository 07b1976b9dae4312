import { describe, expect, it } from 'vitest';
import { createHelpers, rootScope } from '../runtime/view/render-helpers';
import type { VElement, VNode, WxmlModule } from '../runtime/view/vnode';
import { resolveProjectPath } from './project-files';
import { generateWxml } from './wxml-codegen';
import { parseWxml } from './wxml-parser';

/** Compiles WXML files and renders one with the view runtime's own helpers, without a DOM. */
function render(files: Record<string, string>, entry: string, data: Record<string, unknown>, prefix = ''): VNode[] {
  return renderer(files, entry, prefix)(data);
}

/** Compiles once and returns a function that renders a fresh pass with the same helpers. */
function renderer(files: Record<string, string>, entry: string, prefix = ''): (data: Record<string, unknown>) => VNode[] {
  const modules = new Map<string, WxmlModule>();
  const load = (file: string): WxmlModule => {
    const source = files[file] ?? '';
    const compiled = generateWxml(
      { file, source, nodes: parseWxml(source, file) },
      {
        components: { card: 'components/card/card' },
        loadWxml: (path) => ({ file: path, source: files[path] ?? '', nodes: parseWxml(files[path] ?? '', path) }),
        resolve: (src, from, extension) => resolveProjectPath(src, from, extension),
      },
    );
    const module = new Function(`return (${compiled.code});`)() as WxmlModule;
    modules.set(file, module);
    for (const imported of compiled.imports) if (!modules.has(imported)) load(imported);
    return module;
  };
  const module = load(entry);
  const helpers = createHelpers({ id: 0, prefix, slots: [] }, (file) => modules.get(file));
  return (data) => {
    helpers.begin();
    return module.r(rootScope(module, data), helpers);
  };
}

/** A compact view of a tree: tag[key](children) and text. */
function outline(nodes: VNode[]): string {
  return nodes.map((node) => ('x' in node ? JSON.stringify(node.x) : `${node.t}${node.k === undefined ? '' : `[${node.k}]`}(${outline(node.c)})`)).join(' ');
}

describe('WXML render functions', () => {
  it('loops with keys, picks wx:if branches and expands blocks', () => {
    const nodes = render(
      { 'p.wxml': '<view wx:for="{{rows}}" wx:key="id">{{item.name}}</view><text wx:if="{{n > 1}}">many</text><text wx:elif="{{n}}">one</text><text wx:else>none</text><block wx:for="{{2}}"><text>{{index}}</text></block>' },
      'p.wxml',
      { rows: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }], n: 1 },
    );
    expect(outline(nodes)).toBe('view[a]("A") view[b]("B") text("one") text[0]("0") text[1]("1")');
  });

  it('renders imported templates with their own data scope and inlines includes', () => {
    const nodes = render(
      {
        'p.wxml': '<import src="t.wxml"/><template is="row" data="{{...user, extra: 1}}"/><include src="part.wxml"/>',
        't.wxml': '<template name="row"><text>{{name}}-{{extra}}-{{outer}}</text></template>',
        'part.wxml': '<template name="hidden"><view/></template><view>{{outer}}</view>',
      },
      'p.wxml',
      { user: { name: 'Ann' }, outer: 'o' },
    );
    expect(outline(nodes)).toBe('text("Ann-1-") view("o")');
  });

  it('collects event bindings of every kind, dataset and marks', () => {
    const [node] = render({ 'p.wxml': '<view bindtap=" onTap " catch:touchstart="stop" mut-bind:tap="m" capture-bind:tap="c" capture-catch:longpress="cc" data-user-id="{{7}}" mark:row="r"/>' }, 'p.wxml', {}) as [VElement];
    expect(node.v).toEqual([['bind', 'tap', 'onTap'], ['catch', 'touchstart', 'stop'], ['mut-bind', 'tap', 'm'], ['capture-bind', 'tap', 'c'], ['capture-catch', 'longpress', 'cc']]);
    expect(node.d).toEqual({ userId: 7 });
    expect(node.m).toEqual({ row: 'r' });
  });

  it('prefixes classes in isolated component templates and marks custom component hosts', () => {
    const [view, card] = render({ 'c.wxml': '<view class="a {{b}}"/><card title="x"/>' }, 'c.wxml', { b: 'c' }, 'p__') as [VElement, VElement];
    expect(view.a.class).toBe('p__a p__c');
    expect(card.p).toBe('components/card/card');
    expect(card.a).toEqual({ title: 'x' });
  });

  it('reuses the nodes of loop rows whose item did not change, when the body reads only the item', () => {
    const pass = renderer({ 'p.wxml': '<view wx:for="{{rows}}" wx:key="id">{{item.label}}</view><view wx:for="{{rows}}" wx:key="id">{{item.label}}{{suffix}}</view>' }, 'p.wxml');
    const rows = [{ id: 1, label: 'a' }, { id: 2, label: 'b' }];
    const first = pass({ rows, suffix: '!' });
    const second = pass({ rows: [rows[0], { id: 2, label: 'B' }], suffix: '?' });
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(outline(second)).toBe('view[1]("a") view[2]("B") view[1]("a?") view[2]("B?")');
    // The second loop reads `suffix` from outside its rows, so it is rendered afresh every time.
    expect(second[2]).not.toBe(first[2]);
  });

  it('renders a repeated item object twice without sharing nodes', () => {
    const row = { id: 1, label: 'x' };
    const nodes = render({ 'p.wxml': '<text wx:for="{{rows}}">{{item.label}}</text>' }, 'p.wxml', { rows: [row, row] });
    expect(nodes[0]).not.toBe(nodes[1]);
  });

  it('keeps data out of reach of the Function constructor', () => {
    const nodes = render({ 'p.wxml': "<text>{{ obj['constr' + 'uctor'] }}</text>" }, 'p.wxml', { obj: {} });
    expect(outline(nodes)).toBe('text("")');
  });

  it('names the lists read only through item-only loops, so one row can render alone', () => {
    const lists = (source: string): Record<string, string[]> | undefined => {
      const compiled = generateWxml({ file: 'p.wxml', source, nodes: parseWxml(source, 'p.wxml') }, { components: {}, loadWxml: () => ({ file: '', source: '', nodes: [] }), resolve: (src) => src });
      return (new Function(`return (${compiled.code});`)() as WxmlModule).l;
    };
    expect(lists('<view wx:for="{{rows}}" wx:key="id">{{item.label}}</view><text>{{title}}</text>')).toEqual({ rows: ['p.wxml#1'] });
    // Read elsewhere too, or by a loop whose rows read the page's data: the page renders whole.
    expect(lists('<view wx:for="{{rows}}" wx:key="id">{{item.label}}</view><text>{{rows.length}}</text>')).toEqual({});
    expect(lists('<view wx:for="{{rows}}" wx:key="id">{{item.label}}{{title}}</view>')).toEqual({});
    expect(lists('<view wx:for="{{groups}}"><text wx:for="{{rows}}">{{item}}</text></view>')).toEqual({});
  });
});
