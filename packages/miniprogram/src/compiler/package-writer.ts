import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CompiledPackage } from './package-manifest';

/** Writes a package to `<outDir>/<id>/` (manifest.json plus its files) and returns that folder. */
export async function writePackage(compiled: CompiledPackage, outDir: string): Promise<string> {
  const folder = join(outDir, compiled.manifest.id);
  await mkdir(folder, { recursive: true });
  await Promise.all(Object.entries(compiled.files).map(([name, text]) => writeFile(join(folder, name), text)));
  await writeFile(join(folder, 'manifest.json'), `${JSON.stringify(compiled.manifest, null, 2)}\n`);
  return folder;
}
