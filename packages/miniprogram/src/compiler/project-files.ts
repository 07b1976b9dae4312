import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { CompileError, positionAt } from './compile-error';

/** Read access to a project's files by project-relative POSIX path, cached. */
export class ProjectFiles {
  private readonly cache = new Map<string, string | undefined>();

  constructor(readonly root: string) {}

  read(path: string): string | undefined {
    if (this.cache.has(path)) return this.cache.get(path);
    const full = join(this.root, path);
    const text = existsSync(full) && statSync(full).isFile() ? readFileSync(full, 'utf8') : undefined;
    this.cache.set(path, text);
    return text;
  }

  exists(path: string): boolean {
    return this.read(path) !== undefined;
  }

  /** Parses a JSON file; reports syntax errors with their position. */
  readJson(path: string): Record<string, unknown> | undefined {
    const text = this.read(path);
    if (text === undefined) return undefined;
    try {
      const value: unknown = JSON.parse(text);
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('expected an object');
      return value as Record<string, unknown>;
    } catch (error) {
      const offset = Number(/position (\d+)/.exec((error as Error).message)?.[1] ?? 0);
      throw new CompileError('bad_json', (error as Error).message, positionAt(path, text, offset), text);
    }
  }

  /** All files under the root except dependencies, build output and hidden folders. */
  list(): Array<{ path: string; size: number }> {
    const out: Array<{ path: string; size: number }> = [];
    const walk = (relative: string): void => {
      for (const entry of readdirSync(join(this.root, relative), { withFileTypes: true })) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'dist') continue;
        const path = relative ? `${relative}/${entry.name}` : entry.name;
        if (entry.isDirectory()) walk(path);
        else if (entry.isFile()) out.push({ path, size: statSync(join(this.root, path)).size });
      }
    };
    walk('');
    return out.sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  /** Position of a JSON string value in a file, for errors about that value. */
  positionOfString(path: string, value: string): { position: ReturnType<typeof positionAt>; source: string } | undefined {
    const text = this.read(path);
    if (text === undefined) return undefined;
    const offset = text.indexOf(JSON.stringify(value));
    return { position: positionAt(path, text, Math.max(0, offset + 1)), source: text };
  }
}

/** Resolves `src` as WeChat does: `/x` from the project root, anything else from the file's folder. */
export function resolveProjectPath(src: string, fromFile: string, extension = ''): string {
  const trimmed = src.trim();
  const base = trimmed.startsWith('/') ? trimmed.slice(1) : posix.join(posix.dirname(fromFile), trimmed);
  const normal = posix.normalize(base).replace(/^\.\//, '');
  return extension && !normal.endsWith(extension) ? `${normal}${extension}` : normal;
}
