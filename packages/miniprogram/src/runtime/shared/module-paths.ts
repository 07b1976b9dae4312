/**
 * How a `require` path names a module, shared by the compiler (which checks `require.async`
 * targets) and the logic layer (which resolves them at run time), so both agree on the file.
 */

/** Joins and normalises POSIX paths (no leading slash in the result). */
export function joinPath(base: string, relative: string): string {
  const parts = base ? base.split('/') : [];
  for (const part of relative.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** The folder of a project path ('' at the root). */
export function dirnameOf(path: string): string {
  const index = path.lastIndexOf('/');
  return index < 0 ? '' : path.slice(0, index);
}

/**
 * The module files a request may mean, in the order they are tried: `/x` from the project root,
 * `./x` and `../x` from the requiring file's folder, a bare name from the root, then beside the
 * requiring file, then as a miniprogram_npm package. Each with and without `.js` and `/index.js`.
 */
export function moduleCandidates(request: string, from = ''): string[] {
  const base = request.startsWith('/') ? joinPath('', request.slice(1)) : request.startsWith('.') ? joinPath(dirnameOf(from), request) : request;
  const candidates = [base, `${base}.js`, `${base}/index.js`];
  if (!request.startsWith('.') && !request.startsWith('/')) {
    candidates.push(joinPath(dirnameOf(from), `${request}.js`), joinPath(dirnameOf(from), request), `miniprogram_npm/${request}/index.js`, `miniprogram_npm/${request}.js`);
  }
  return candidates;
}

/** The package a project file belongs to: the subpackage whose root holds it, else '' (main). */
export function packageRootOf(path: string, roots: readonly string[]): string {
  const file = path.split('#')[0] as string;
  return roots.find((root) => file.startsWith(`${root}/`)) ?? '';
}
