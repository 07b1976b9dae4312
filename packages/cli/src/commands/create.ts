import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArguments } from '../miniprogram/cli-arguments';
import { starterFiles } from '../miniprogram/starter-template';

const USAGE = 'Usage: tessera create <dir> [--name <title>]\n\nWrites a starter mini program (two pages, a component, a tab bar) into a new or empty directory.';

/** `tessera create <dir>`: write the starter project into a new or empty directory. */
export async function run(args: string[]): Promise<number> {
  const { positional, options } = parseArguments(args, ['help']);
  if (options.help || positional.length !== 1) {
    console.log(USAGE);
    return options.help ? 0 : 1;
  }
  const dir = resolve(positional[0] as string);
  const existing = await readdir(dir).catch(() => []);
  if (existing.length) {
    console.error(`tessera create: ${dir} is not empty; choose a new directory`);
    return 1;
  }
  const name = typeof options.name === 'string' ? options.name : basename(dir);
  const files = starterFiles(name);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
    console.error(`  created ${path}`);
  }
  console.log(`\nCreated "${name}" in ${dir}.\n\nNext:\n  tessera dev ${positional[0]}     # simulator with hot reload\n  tessera build ${positional[0]}   # compile and validate`);
  return 0;
}
