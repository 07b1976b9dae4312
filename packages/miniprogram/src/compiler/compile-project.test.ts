import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProject, type CompileResult } from './compile-project';

/** Writes a small project to a fresh temporary directory. */
function makeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-mp-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const BASE: Record<string, string> = {
  'app.json': JSON.stringify({ pages: ['pages/index/index'], subpackages: [{ root: 'shop', pages: ['pages/cart/cart'] }] }, null, 2),
  'app.js': 'App({})',
  'app.wxss': 'page { background: #eee }',
  'pages/index/index.json': '{ "usingComponents": { "card": "/components/card/card" } }',
  'pages/index/index.wxml': '<card title="{{title}}"/>',
  'pages/index/index.js': "import { greet } from './util';\nPage({ data: { title: greet() } });",
  'pages/index/util.js': 'export function greet() { return "hi"; }',
  'components/card/card.json': '{ "component": true }',
  'components/card/card.wxml': '<view class="card">{{title}}</view>',
  'components/card/card.wxss': '.card { padding: 20rpx }',
  'components/card/card.js': 'Component({ properties: { title: String } })',
  'shop/pages/cart/cart.wxml': '<view>cart</view>',
  'shop/pages/cart/cart.js': 'Page({})',
};

function errorsOf(result: CompileResult): string[] {
  return result.ok ? [] : result.errors.map((error) => error.format());
}

describe('compileProject', () => {
  it('builds a content-addressed package with pages, subpackages, components and styles', async () => {
    const result = await compileProject(makeProject(BASE));
    if (!result.ok) throw new Error(errorsOf(result).join('\n'));
    const { manifest, files } = result.package;
    expect(Object.keys(manifest.pages)).toEqual(['pages/index/index', 'shop/pages/cart/cart']);
    expect(manifest.pages['shop/pages/cart/cart']?.root).toBe('shop');
    expect(manifest.pages['pages/index/index']?.styles).toEqual(['app', 'components/card/card']);
    expect(manifest.components['components/card/card']?.classPrefix).toMatch(/^card_[0-9a-f]{5}__$/);
    expect(manifest.id).toMatch(/^[0-9a-f]{64}$/);
    expect(files['logic.js']).toContain('__tessera.define("pages/index/util.js"');
    expect(files['logic.js']).toContain('greet');
    expect(files['view.js']).toContain('"components/card/card"');
    expect(JSON.parse(files['styles.json'] ?? '{}')['components/card/card']).toContain(`.${manifest.components['components/card/card']?.classPrefix}card{ padding: 2.66667vw }`);
    expect(manifest.sizes.shop).toBeGreaterThan(0);
  });

  it('puts each subpackage in its own bundles, hashed into the package id, and keeps app.wxss off independent pages', async () => {
    const result = await compileProject(makeProject({
      ...BASE,
      'app.json': JSON.stringify({ pages: ['pages/index/index'], subPackages: [{ root: 'shop/', pages: ['pages/cart/cart'] }, { root: 'promo', independent: true, pages: ['landing'] }] }),
      'shop/pages/cart/cart.wxss': '.cart { color: red }',
      'promo/landing.wxml': '<view>promo</view>',
      'promo/landing.js': 'Page({})',
    }));
    if (!result.ok) throw new Error(errorsOf(result).join('\n'));
    const { manifest, files } = result.package;
    expect(Object.keys(files).sort()).toEqual(['logic.js', 'styles.json', 'subpackages/promo/logic.js', 'subpackages/promo/styles.json', 'subpackages/promo/view.js', 'subpackages/shop/logic.js', 'subpackages/shop/styles.json', 'subpackages/shop/view.js', 'view.js']);
    expect(files['logic.js']).not.toContain('shop/pages/cart/cart.js');
    expect(files['subpackages/shop/logic.js']).toContain('__tessera.define("shop/pages/cart/cart.js"');
    expect(files['subpackages/shop/view.js']).toContain('"shop/pages/cart/cart.wxml"');
    expect(files['view.js']).not.toContain('shop/pages/cart/cart.wxml');
    expect(Object.keys(JSON.parse(files['subpackages/shop/styles.json'] ?? '{}'))).toEqual(['shop/pages/cart/cart']);
    expect(manifest.files['subpackages/shop/logic.js']?.size).toBeGreaterThan(0);
    expect(manifest.subpackages).toEqual([{ root: 'shop', independent: false, pages: ['shop/pages/cart/cart'] }, { root: 'promo', independent: true, pages: ['promo/landing'] }]);
    expect(manifest.pages['shop/pages/cart/cart']?.styles).toEqual(['app', 'shop/pages/cart/cart']);
    expect(manifest.pages['promo/landing']?.styles).toEqual([]);
    expect(manifest.sizes).toEqual({ '': expect.any(Number), shop: expect.any(Number), promo: expect.any(Number) });

    const changed = await compileProject(makeProject({ ...BASE, 'shop/pages/cart/cart.js': 'Page({ data: { n: 1 } })' }));
    const original = await compileProject(makeProject(BASE));
    if (!changed.ok || !original.ok) throw new Error('compile failed');
    expect(changed.package.manifest.id).not.toBe(original.package.manifest.id);
  });

  it('refuses a page that uses a component of a package it cannot load', async () => {
    const result = await compileProject(makeProject({
      ...BASE,
      'app.json': JSON.stringify({ pages: ['pages/index/index'], subpackages: [{ root: 'shop', pages: ['pages/cart/cart'] }, { root: 'promo', independent: true, pages: ['landing'] }] }),
      'pages/index/index.json': '{ "usingComponents": { "card": "/components/card/card", "line": "/shop/line/line" } }',
      'shop/line/line.json': '{ "component": true }',
      'shop/line/line.wxml': '<view/>',
      'promo/landing.json': '{ "usingComponents": { "card": "/components/card/card" } }',
      'promo/landing.wxml': '<card/>',
    }));
    expect(errorsOf(result)).toEqual([
      'pages/index/index.json:1:1 error[bad_subpackage_dependency]: page "pages/index/index" of the main package uses component "shop/line/line" from subpackage "shop", which it cannot load',
      'promo/landing.json:1:1 error[bad_subpackage_dependency]: page "promo/landing" of independent subpackage "promo" uses component "components/card/card" from the main package, which it cannot load',
    ]);
  });

  it('refuses a subpackage over 2 MB on its own', async () => {
    const result = await compileProject(makeProject({ ...BASE, 'shop/big.txt': 'x'.repeat(2 * 1024 * 1024 + 1) }));
    expect(errorsOf(result).join('\n')).toMatch(/error\[package_too_large\]: subpackage "shop" is 2\.00 MB, over the 2 MB limit/);
  });

  it('keeps plain CommonJS sources byte for byte, so error lines match the files', async () => {
    const result = await compileProject(makeProject(BASE));
    if (!result.ok) throw new Error('compile failed');
    expect(result.package.files['logic.js']).toContain(`__tessera.define("components/card/card.js", function (require, module, exports, App, Page, Component, Behavior, getApp, getCurrentPages, wx, requirePlugin) {\n${BASE['components/card/card.js']}\n});`);
  });

  it('gives the same id for the same sources and a new id when a source changes', async () => {
    const first = await compileProject(makeProject(BASE));
    const second = await compileProject(makeProject(BASE));
    const changed = await compileProject(makeProject({ ...BASE, 'components/card/card.wxml': '<view>{{title}}!</view>' }));
    if (!first.ok || !second.ok || !changed.ok) throw new Error('compile failed');
    expect(second.package.manifest.id).toBe(first.package.manifest.id);
    expect(changed.package.manifest.id).not.toBe(first.package.manifest.id);
  });

  it('reports an unknown page at its position in app.json', async () => {
    const result = await compileProject(makeProject({ ...BASE, 'app.json': '{\n  "pages": [\n    "pages/index/index",\n    "pages/missing/missing"\n  ]\n}' }));
    expect(errorsOf(result)[0]).toMatch(/^app\.json:4:6 error\[unknown_page\]: page "pages\/missing\/missing" is listed in app\.json but pages\/missing\/missing\.wxml and pages\/missing\/missing\.js does not exist/);
  });

  it('reports a missing component at its position in the page json', async () => {
    const result = await compileProject(makeProject({ ...BASE, 'pages/index/index.json': '{\n  "usingComponents": { "card": "/components/nope/nope" }\n}' }));
    expect(errorsOf(result)[0]).toMatch(/^pages\/index\/index\.json:2:33 error\[missing_component\]: <card>: no component at "\/components\/nope\/nope"/);
  });

  it('reports a bad expression with file:line:col and a code frame', async () => {
    const result = await compileProject(makeProject({ ...BASE, 'components/card/card.wxml': '<view>\n  {{ title + }}\n</view>' }));
    const [message] = errorsOf(result);
    expect(message).toMatch(/^components\/card\/card\.wxml:2:\d+ error\[bad_expression\]/);
    expect(message).toContain('> 2 |   {{ title + }}');
  });

  it('reports JavaScript syntax errors with their position', async () => {
    const result = await compileProject(makeProject({ ...BASE, 'pages/index/util.js': 'export function greet( {' }));
    expect(errorsOf(result)[0]).toMatch(/^pages\/index\/util\.js:1:\d+ error\[bad_js\]/);
  });

  it('refuses a package over 2 MB', async () => {
    const result = await compileProject(makeProject({ ...BASE, 'assets/big.txt': 'x'.repeat(2 * 1024 * 1024 + 1) }));
    expect(errorsOf(result).join('\n')).toMatch(/error\[package_too_large\]: main package is 2\.00 MB, over the 2 MB limit/);
  });

  it('lists every problem at once', async () => {
    const result = await compileProject(makeProject({ ...BASE, 'components/card/card.wxml': '<view>{{ ) }}</view>', 'pages/index/util.js': 'let = ;' }));
    expect(errorsOf(result).map((line) => /error\[(\w+)\]/.exec(line)?.[1])).toEqual(['bad_expression', 'bad_js']);
  });
});
