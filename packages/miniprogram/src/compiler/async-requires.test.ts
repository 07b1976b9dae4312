import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findAsyncRequires } from './async-requires';
import { compileProject, type CompileResult } from './compile-project';

function makeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-mp-async-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const PROJECT: Record<string, string> = {
  'app.json': JSON.stringify({ pages: ['pages/index/index'], subpackages: [{ root: 'shop', pages: ['pages/cart/cart'] }, { root: 'extra', pages: ['pages/more/more'] }] }),
  'app.js': 'App({})',
  'pages/index/index.wxml': '<view>index</view>',
  'pages/index/index.js': "Page({ onLoad() { require.async('../../shop/utils/cart.js').then((cart) => this.setData({ total: cart.total })); } });",
  'shop/utils/cart.js': 'module.exports = { total: 3 };',
  'shop/pages/cart/cart.wxml': '<view>cart</view>',
  'shop/pages/cart/cart.js': "Page({});\nrequire.async('/extra/utils/more');",
  'extra/utils/more.js': 'module.exports = 1;',
  'extra/pages/more/more.wxml': '<view>more</view>',
};

function errorsOf(result: CompileResult): string[] {
  return result.ok ? [] : result.errors.map((error) => error.format());
}

describe('require.async at compile time', () => {
  it('finds literal paths of require.async and of the callback form, in scripts and ES modules', () => {
    const source = [
      "import x from './x';",
      "require.async('../a.js');",
      'require.async(`/b`);',
      "require('./c.js', (c) => c, ({ mod }) => mod);",
      "require('./sync.js');",
      'require.async(dynamic);',
      "other.async('./not-require.js');",
    ].join('\n');
    expect(findAsyncRequires(source).map((found) => found.request)).toEqual(['../a.js', '/b', './c.js']);
    expect(findAsyncRequires("require.async('./first')").map((found) => found.offset)).toEqual([14]);
  });

  it('keeps each module in its own package and records where each literal target points', async () => {
    const result = await compileProject(makeProject(PROJECT));
    if (!result.ok) throw new Error(errorsOf(result).join('\n'));
    const { manifest, files } = result.package;
    expect(manifest.asyncModules).toEqual({
      'pages/index/index.js': { '../../shop/utils/cart.js': 'shop/utils/cart.js' },
      'shop/pages/cart/cart.js': { '/extra/utils/more': 'extra/utils/more.js' },
    });
    // Required asynchronously from the main package, the module still travels only with its subpackage.
    expect(files['subpackages/shop/logic.js']).toContain('__tessera.define("shop/utils/cart.js"');
    expect(files['logic.js']).not.toContain('shop/utils/cart.js"');
    expect(files['subpackages/shop/logic.js']).not.toContain('__tessera.define("extra/utils/more.js"');
  });

  it('reports a literal target that exists nowhere as unknown_module at the path', async () => {
    const result = await compileProject(
      makeProject({
        ...PROJECT,
        'pages/index/index.js': "Page({\n  onLoad() {\n    require.async('../../shop/utils/gone.js');\n    require('/extra/none', () => {});\n  },\n});",
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => [error.code, error.position])).toEqual([
      ['unknown_module', { file: 'pages/index/index.js', line: 3, column: 19 }],
      ['unknown_module', { file: 'pages/index/index.js', line: 4, column: 13 }],
    ]);
    expect(result.errors[0]?.format()).toMatch(/^pages\/index\/index\.js:3:19 error\[unknown_module\]: require\.async: module "\.\.\/\.\.\/shop\/utils\/gone\.js" does not exist/);
  });
});
