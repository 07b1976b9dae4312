import { resolve } from 'node:path';
import { compileProject, writePackage } from '@tessera/miniprogram/compiler';
import { parseArguments } from '../miniprogram/cli-arguments';

const USAGE = 'Usage: tessera build <project-dir> [--out <dir>]\n\nCompiles and validates a mini program; writes the package to <out>/<package-id>/ (default <project-dir>/dist).';

/**
 * `tessera build <dir>`: compile and validate a mini program. Prints each step, every problem
 * as `file:line:col` with a code frame, and exits non-zero when anything is wrong.
 */
export async function run(args: string[]): Promise<number> {
  const { positional, options } = parseArguments(args, ['help']);
  if (options.help || positional.length !== 1) {
    console.log(USAGE);
    return options.help ? 0 : 1;
  }
  const dir = resolve(positional[0] as string);
  const started = performance.now();
  let step = 0;
  const result = await compileProject(dir, (message) => console.error(`[${++step}] ${message}`));
  if (!result.ok) {
    for (const error of result.errors) console.error(`\n${error.format()}`);
    console.error(`\nbuild failed: ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}`);
    return 1;
  }
  const out = typeof options.out === 'string' ? resolve(options.out) : resolve(dir, 'dist');
  const folder = await writePackage(result.package, out);
  const { manifest } = result.package;
  const sizes = Object.entries(manifest.sizes).map(([root, bytes]) => `${root || 'main'} ${(bytes / 1024).toFixed(1)} KB`).join(', ');
  console.log(`built ${manifest.appId} in ${Math.round(performance.now() - started)} ms`);
  console.log(`  package  ${manifest.id}`);
  console.log(`  pages    ${Object.keys(manifest.pages).length}, components ${Object.keys(manifest.components).length}`);
  console.log(`  sizes    ${sizes}`);
  console.log(`  output   ${folder}`);
  return 0;
}
