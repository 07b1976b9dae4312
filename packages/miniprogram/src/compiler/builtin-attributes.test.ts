import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProject } from './compile-project';

/** Compiles a one-page project whose page template is `wxml`. */
async function compilePage(wxml: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-builtin-attributes-'));
  const files: Record<string, string> = {
    'app.json': JSON.stringify({ pages: ['pages/index/index'] }),
    'app.js': 'App({})',
    'pages/index/index.js': 'Page({})',
    'pages/index/index.wxml': wxml,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const result = await compileProject(dir);
  return result.ok ? [] : result.errors.map((error) => error.format());
}

describe('built-in attributes checked at compile time', () => {
  it('refuses a written-out level="sub-district" on a region picker, at the value', async () => {
    const errors = await compilePage('<view>\n  <picker mode="region" level="sub-district"><view>x</view></picker>\n</view>');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^pages\/index\/index\.wxml:2:32 error\[unsupported_attribute\]: <picker mode="region" level="sub-district"> is not supported/);
  });

  it('refuses a level that is no level at all', async () => {
    const errors = await compilePage('<picker mode="region" level="town"/>');
    expect(errors[0]).toContain('error[unsupported_attribute]: <picker mode="region">: level "town" is not one of province, city, region');
  });

  it('leaves the supported levels, bound levels and other modes alone', async () => {
    expect(await compilePage('<picker mode="region" level="city"/><picker mode="region" level="{{level}}"/><picker level="sub-district"/>')).toEqual([]);
  });
});
