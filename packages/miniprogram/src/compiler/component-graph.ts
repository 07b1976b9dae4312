import { CompileError, type SourcePosition } from './compile-error';
import type { ProjectFiles} from './project-files';
import { resolveProjectPath } from './project-files';

/** A page or component found while walking usingComponents. */
export interface TemplateOwner {
  /** Project path without extension, e.g. `pages/index/index`. */
  path: string;
  kind: 'page' | 'component';
  config: Record<string, unknown>;
  /** Tag -> component path, after global and local usingComponents are merged. */
  components: Record<string, string>;
  /**
   * Abstract nodes the component declares in `componentGenerics`: name -> its default
   * component's path, or undefined when the user must always choose one.
   */
  generics: Record<string, string | undefined>;
}

/**
 * Walks pages and the components they use, resolving each usingComponents entry the way
 * WeChat does: root-relative, file-relative, then miniprogram_npm. Unresolvable entries are
 * reported as `missing_component` at their position in the json file.
 */
export function walkComponents(files: ProjectFiles, pages: string[], globalComponents: Record<string, string>, problems: CompileError[]): Map<string, TemplateOwner> {
  const owners = new Map<string, TemplateOwner>();
  const queue: Array<{ path: string; kind: 'page' | 'component' }> = pages.map((path) => ({ path, kind: 'page' }));
  const globalResolved = resolveAll('app.json', globalComponents, files, problems);
  while (queue.length) {
    const { path, kind } = queue.shift() as { path: string; kind: 'page' | 'component' };
    if (owners.has(path)) continue;
    let config: Record<string, unknown> = {};
    try {
      config = files.readJson(`${path}.json`) ?? {};
    } catch (error) {
      if (error instanceof CompileError) problems.push(error);
    }
    const local = (config.usingComponents ?? {}) as Record<string, string>;
    const components = { ...globalResolved, ...resolveAll(`${path}.json`, local, files, problems) };
    const generics = kind === 'component' ? readGenerics(`${path}.json`, config.componentGenerics, files, problems) : {};
    owners.set(path, { path, kind, config, components, generics });
    for (const target of [...Object.values(components), ...Object.values(generics)]) if (target && !owners.has(target)) queue.push({ path: target, kind: 'component' });
  }
  return owners;
}

/**
 * Reads `componentGenerics`: each entry is `true` or `{ "default": "path" }`, the default
 * resolved from the declaring component's json as usingComponents entries are.
 */
function readGenerics(jsonFile: string, declared: unknown, files: ProjectFiles, problems: CompileError[]): Record<string, string | undefined> {
  const generics: Record<string, string | undefined> = {};
  if (declared === undefined) return generics;
  const at = (text: string): { position?: SourcePosition; source?: string } => files.positionOfString(jsonFile, text) ?? {};
  if (declared === null || typeof declared !== 'object' || Array.isArray(declared)) {
    const where = at('componentGenerics');
    problems.push(new CompileError('bad_generic', 'componentGenerics must be an object of abstract node names', where.position, where.source));
    return generics;
  }
  for (const [name, entry] of Object.entries(declared as Record<string, unknown>)) {
    if (entry === true) {
      generics[name] = undefined;
      continue;
    }
    const reference = entry && typeof entry === 'object' ? (entry as Record<string, unknown>).default : undefined;
    if (entry === null || typeof entry !== 'object' || (reference !== undefined && typeof reference !== 'string')) {
      const where = at(name);
      problems.push(new CompileError('bad_generic', `componentGenerics "${name}" must be true or { "default": "path/to/component" }`, where.position, where.source));
      continue;
    }
    if (reference === undefined) {
      generics[name] = undefined;
      continue;
    }
    const resolved = resolveComponent(reference, jsonFile, files);
    if (resolved) {
      generics[name] = resolved;
      continue;
    }
    const where = at(reference);
    problems.push(new CompileError('missing_component', `default of abstract node <${name}>: no component at "${reference}" (looked for .json, .wxml and .js)`, where.position, where.source));
  }
  return generics;
}

function resolveAll(jsonFile: string, entries: Record<string, string>, files: ProjectFiles, problems: CompileError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [tag, reference] of Object.entries(entries)) {
    const resolved = resolveComponent(reference, jsonFile, files);
    if (resolved) {
      out[tag] = resolved;
      continue;
    }
    const at = files.positionOfString(jsonFile, reference);
    const why = reference.startsWith('plugin://') ? 'plugins are not supported' : `no component at "${reference}" (looked for .json, .wxml and .js)`;
    problems.push(new CompileError('missing_component', `<${tag}>: ${why}`, at?.position, at?.source));
  }
  return out;
}

function resolveComponent(reference: string, jsonFile: string, files: ProjectFiles): string | undefined {
  if (reference.startsWith('plugin://')) return undefined;
  const candidates = reference.startsWith('/') || reference.startsWith('.')
    ? [resolveProjectPath(reference, jsonFile)]
    : [resolveProjectPath(reference, jsonFile), resolveProjectPath(`/${reference}`, jsonFile), `miniprogram_npm/${reference}`];
  for (const candidate of candidates) {
    for (const path of [candidate, `${candidate}/index`]) {
      if (files.exists(`${path}.json`) && files.exists(`${path}.wxml`)) return path;
    }
  }
  return undefined;
}
