import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHelpers, rootScope } from '../runtime/view/render-helpers';
import type { VElement, WxmlModule } from '../runtime/view/vnode';
import { compileProject, type CompileResult } from './compile-project';

/** Writes a small project to a fresh temporary directory. */
function makeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-generics-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const component = (wxml: string, json: Record<string, unknown> = {}): Record<string, string> => ({ json: JSON.stringify({ component: true, ...json }, null, 2), wxml, js: 'Component({})' });

function project(pageWxml: string, overrides: Record<string, string> = {}): Record<string, string> {
  const files: Record<string, Record<string, string>> = {
    'components/group/group': component('<view wx:for="{{[1, 2]}}" wx:key="*this"><selectable value="{{item}}"/></view>', { componentGenerics: { selectable: true } }),
    'components/radio/radio': component('<view class="radio">{{value}}</view>'),
    'components/check/check': component('<view>check {{value}}</view>'),
    'components/picker-group/picker-group': component('<choice/>', { componentGenerics: { choice: { default: '../plain/plain' } } }),
    'components/plain/plain': component('<view class="plain">plain</view>'),
    'components/outer/outer': component('<group generic:selectable="item"/>', { usingComponents: { group: '../group/group' }, componentGenerics: { item: true } }),
  };
  const out: Record<string, string> = {
    'app.json': JSON.stringify({ pages: ['pages/index/index'] }),
    'app.js': 'App({})',
    'pages/index/index.json': JSON.stringify({ usingComponents: { group: '/components/group/group', 'custom-radio': '/components/radio/radio', 'custom-check': '/components/check/check', 'picker-group': '/components/picker-group/picker-group', outer: '/components/outer/outer' } }, null, 2),
    'pages/index/index.wxml': pageWxml,
    'pages/index/index.js': 'Page({})',
  };
  for (const [path, parts] of Object.entries(files)) for (const [extension, text] of Object.entries(parts)) out[`${path}.${extension}`] = text as string;
  return { ...out, ...overrides };
}

function errorsOf(result: CompileResult): string[] {
  return result.ok ? [] : result.errors.map((error) => error.format().split('\n')[0] as string);
}

/** Loads the compiled view bundle's WXML modules by path. */
function viewModules(result: CompileResult): Map<string, WxmlModule> {
  if (!result.ok) throw new Error(errorsOf(result).join('\n'));
  const modules = new Map<string, WxmlModule>();
  new Function('__tessera', result.package.files['view.js'] as string)({ wxml: (file: string, module: WxmlModule) => modules.set(file, module) });
  return modules;
}

describe('componentGenerics (abstract nodes)', () => {
  it('gives each host the implementations its user chose, and the abstract node renders the chosen one per instance', async () => {
    const result = await compileProject(makeProject(project('<group id="a" generic:selectable="custom-radio"/><group id="b" generic:selectable="custom-check"/><picker-group/>')));
    const modules = viewModules(result);
    const page = modules.get('pages/index/index.wxml') as WxmlModule;
    const pageHelpers = createHelpers({ id: 0, prefix: '', slots: [] }, (file) => modules.get(file));
    pageHelpers.begin();
    const [first, second, picker] = page.r(rootScope(page, {}), pageHelpers) as VElement[];
    expect(first?.g).toEqual({ selectable: 'components/radio/radio' });
    expect(second?.g).toEqual({ selectable: 'components/check/check' });
    // generic: is not a property of the component.
    expect(first?.a).toEqual({ id: 'a' });

    const group = modules.get('components/group/group.wxml') as WxmlModule;
    const rendered = (host: VElement): Array<string | undefined> => {
      const helpers = createHelpers({ id: 1, prefix: '', slots: [], host }, (file) => modules.get(file));
      helpers.begin();
      return (group.r(rootScope(group, {}), helpers) as VElement[]).map((row) => (row.c[0] as VElement).p);
    };
    expect(rendered(first as VElement)).toEqual(['components/radio/radio', 'components/radio/radio']);
    expect(rendered(second as VElement)).toEqual(['components/check/check', 'components/check/check']);

    // No generic: given, so the default declared beside picker-group, found from its own json.
    const pickerModule = modules.get('components/picker-group/picker-group.wxml') as WxmlModule;
    const pickerHelpers = createHelpers({ id: 2, prefix: '', slots: [], host: picker }, (file) => modules.get(file));
    pickerHelpers.begin();
    expect((pickerModule.r(rootScope(pickerModule, {}), pickerHelpers)[0] as VElement).p).toBe('components/plain/plain');
    if (!result.ok) return;
    expect(result.package.manifest.components['components/plain/plain']).toBeDefined();
  });

  it('hands an implementation down a further level when a component names its own abstract node', async () => {
    const modules = viewModules(await compileProject(makeProject(project('<outer generic:item="custom-check"/>'))));
    const page = modules.get('pages/index/index.wxml') as WxmlModule;
    const pageHelpers = createHelpers({ id: 0, prefix: '', slots: [] }, (file) => modules.get(file));
    pageHelpers.begin();
    const [outer] = page.r(rootScope(page, {}), pageHelpers) as VElement[];
    const outerModule = modules.get('components/outer/outer.wxml') as WxmlModule;
    const outerHelpers = createHelpers({ id: 1, prefix: '', slots: [], host: outer }, (file) => modules.get(file));
    outerHelpers.begin();
    const [group] = outerModule.r(rootScope(outerModule, {}), outerHelpers) as VElement[];
    expect(group?.p).toBe('components/group/group');
    expect(group?.g).toEqual({ selectable: 'components/check/check' });
  });

  it('refuses a component used without an implementation for an abstract node that has no default', async () => {
    const result = await compileProject(makeProject(project('<view>\n  <group/>\n</view>')));
    expect(errorsOf(result)).toEqual(['pages/index/index.wxml:2:3 error[missing_generic_implementation]: <group> needs generic:selectable="..." naming a component from usingComponents: its abstract node "selectable" has no default']);
  });

  it('refuses an implementation tag missing from usingComponents', async () => {
    const result = await compileProject(makeProject(project('<group generic:selectable="custom-switch"/>')));
    expect(errorsOf(result)).toEqual(['pages/index/index.wxml:1:28 error[unknown_generic_implementation]: generic:selectable="custom-switch": "custom-switch" is not in usingComponents of this page or component']);
  });

  it('refuses generic: naming an abstract node the component does not declare', async () => {
    const result = await compileProject(makeProject(project('<group generic:selectable="custom-radio"\n  generic:other="custom-check"/>')));
    expect(errorsOf(result)).toEqual(['pages/index/index.wxml:2:3 error[unknown_generic]: <group> declares no abstract node "other" in componentGenerics (it declares selectable)']);
  });

  it('refuses a data binding in generic: and generic: on a built-in component', async () => {
    expect(errorsOf(await compileProject(makeProject(project('<group generic:selectable="{{tag}}"/>'))))).toEqual(['pages/index/index.wxml:1:28 error[bad_generic]: generic:selectable must name a component tag statically; data bindings are not allowed']);
    expect(errorsOf(await compileProject(makeProject(project('<view generic:selectable="custom-radio"/>'))))).toEqual(['pages/index/index.wxml:1:7 error[bad_generic]: generic:selectable on <view>: only a custom component from usingComponents takes generic: attributes']);
  });

  it('reports a default that resolves to nothing at its place in the declaring json, and a malformed entry', async () => {
    const missing = await compileProject(makeProject(project('<picker-group/>', { 'components/picker-group/picker-group.json': '{\n  "component": true,\n  "componentGenerics": { "choice": { "default": "../gone/gone" } }\n}' })));
    expect(errorsOf(missing)).toEqual(['components/picker-group/picker-group.json:3:50 error[missing_component]: default of abstract node <choice>: no component at "../gone/gone" (looked for .json, .wxml and .js)']);
    const malformed = await compileProject(makeProject(project('<picker-group/>', { 'components/picker-group/picker-group.json': '{\n  "component": true,\n  "componentGenerics": { "choice": "plain" }\n}' })));
    expect(errorsOf(malformed)).toEqual(['components/picker-group/picker-group.json:3:27 error[bad_generic]: componentGenerics "choice" must be true or { "default": "path/to/component" }']);
  });
});
