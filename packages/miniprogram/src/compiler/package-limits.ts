import { CompileError } from './compile-error';

/** WeChat's limits: each package (main or sub) at most 2 MB, everything at most 20 MB. */
export const PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024;
export const TOTAL_LIMIT_BYTES = 20 * 1024 * 1024;

/** Sums source bytes per package and reports packages over the limits. */
export function checkSizes(listing: Array<{ path: string; size: number }>, subpackageRoots: string[], problems: CompileError[]): Record<string, number> {
  const roots = subpackageRoots.map((root) => root.replace(/\/$/, ''));
  const sizes: Record<string, number> = { '': 0 };
  for (const root of roots) sizes[root] = 0;
  let total = 0;
  for (const file of listing) {
    const root = roots.find((candidate) => file.path.startsWith(`${candidate}/`)) ?? '';
    sizes[root] = (sizes[root] ?? 0) + file.size;
    total += file.size;
  }
  for (const [root, size] of Object.entries(sizes)) {
    if (size > PACKAGE_LIMIT_BYTES) {
      const name = root ? `subpackage "${root}"` : 'main package';
      problems.push(new CompileError('package_too_large', `${name} is ${formatBytes(size)}, over the 2 MB limit; move pages into subpackages or assets to a CDN`));
    }
  }
  if (total > TOTAL_LIMIT_BYTES) problems.push(new CompileError('package_too_large', `the project is ${formatBytes(total)}, over the 20 MB limit`));
  return sizes;
}

function formatBytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}
