import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CompiledPackage } from './package-manifest';

/** Writes a package to `<outDir>/<id>/` (manifest.json plus its files) and returns that folder. */
export async function writePackage(compiled: CompiledPackage, outDir: string): Promise<string> {
  const folder = join(outDir, compiled.manifest.id);
  await mkdir(folder, { recursive: true });
  // Subpackage bundles live in their own folders (`subpackages/<root>/`).
  await Promise.all(
    Object.entries(compiled.files).map(async ([name, text]) => {
      await mkdir(dirname(join(folder, name)), { recursive: true });
      await writeFile(join(folder, name), text);
    }),
  );
  await writeFile(join(folder, 'manifest.json'), `${JSON.stringify(compiled.manifest, null, 2)}\n`);
  return folder;
}
