import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { CompileError } from './compile-error';
import { walkComponents, type TemplateOwner } from './component-graph';
import { resolveAsyncRequires } from './async-requires';
import { compileJsModule, wrapLogicModule, wrapWxsModule } from './js-module-compiler';
import { checkSizes } from './package-limits';
import type { AppConfig, CompiledPackage, PackageManifest, PageEntry } from './package-manifest';
import { ProjectFiles, resolveProjectPath } from './project-files';
import { generateWxml, type WxmlSourceFile } from './wxml-codegen';
import { parseWxml } from './wxml-parser';
import { compileWxss } from './wxss-compiler';
import { BUNDLE_NAMES, bundleFile, listSubpackages, packageOf } from './subpackages';

/** Progress callback: one line per long step, for the CLI. */
export type ProgressReporter = (step: string) => void;

/** The outcome of compiling a project: a package, or every problem found. */
export type CompileResult = { ok: true; package: CompiledPackage } | { ok: false; errors: CompileError[] };

/**
 * Compiles a mini-program project directory into a content-addressed package. Problems are
 * collected across the whole project so a developer sees them all at once.
 */
export async function compileProject(projectDir: string, report: ProgressReporter = () => {}): Promise<CompileResult> {
  const problems: CompileError[] = [];
  const projectConfig = safely(problems, () => new ProjectFiles(projectDir).readJson('project.config.json')) ?? {};
  const root = typeof projectConfig.miniprogramRoot === 'string' ? join(projectDir, projectConfig.miniprogramRoot) : projectDir;
  const files = new ProjectFiles(root);
  report('reading app.json');
  const app = safely(problems, () => files.readJson('app.json')) as AppConfig | undefined;
  if (!app) {
    if (!problems.length) problems.push(new CompileError('missing_file', `app.json not found in ${root}`));
    return { ok: false, errors: problems };
  }
  const subpackages = listSubpackages(app);
  const roots = subpackages.map((sub) => sub.root);
  const { pages, pageRoots } = listPages(app, files, problems);
  const owners = walkComponents(files, pages, app.usingComponents ?? {}, problems);

  report(`compiling ${owners.size} pages and components`);
  // Each package gets its own bundles, so a subpackage's code travels only when it is needed.
  const bundles = new Map<string, { logic: string[]; view: string[]; styles: Record<string, string> }>(['', ...roots].map((root) => [root, { logic: [], view: [], styles: {} }]));
  const bundleOf = (path: string): { logic: string[]; view: string[]; styles: Record<string, string> } => bundles.get(packageOf(path, roots)) ?? (bundles.get('') as { logic: string[]; view: string[]; styles: Record<string, string> });
  const styles: Record<string, string> = {};
  const wxmlDone = new Set<string>();
  const wxsIds = new Map<string, string | undefined>();
  const genericsOf = (path: string): Record<string, string | undefined> => owners.get(path)?.generics ?? {};
  const compileWxmlFile = (file: string, owner: TemplateOwner): void => {
    if (wxmlDone.has(file)) return;
    wxmlDone.add(file);
    const { components, generics } = owner;
    const compiled = safely(problems, () => generateWxml(loadWxml(files, file), { components, generics, genericsOf, loadWxml: (path, from, offset) => loadWxml(files, path, from, offset), resolve: (src, from, extension) => resolveProjectPath(src, from, extension) }));
    if (!compiled) return;
    bundleOf(file).view.push(`__tessera.wxml(${JSON.stringify(file)}, ${compiled.code});\n`);
    for (const module of compiled.wxs) wxsIds.set(module.id, module.inlineCode);
    for (const imported of compiled.imports) compileWxmlFile(imported, owner);
  };
  const manifestComponents: PackageManifest['components'] = {};
  for (const owner of owners.values()) {
    compileWxmlFile(`${owner.path}.wxml`, owner);
    const classPrefix = owner.kind === 'component' ? prefixFor(owner.path) : '';
    if (owner.kind === 'component') manifestComponents[owner.path] = { config: owner.config, classPrefix };
    if (files.exists(`${owner.path}.wxss`)) {
      const css = safely(problems, () => compileWxss(`${owner.path}.wxss`, { read: (path) => files.read(path), resolve: (src, from) => resolveProjectPath(src, from, '.wxss'), classPrefix }));
      if (css !== undefined) styles[owner.path] = css;
    }
  }
  if (files.exists('app.wxss')) {
    const css = safely(problems, () => compileWxss('app.wxss', { read: (path) => files.read(path), resolve: (src, from) => resolveProjectPath(src, from, '.wxss'), classPrefix: '' }));
    if (css !== undefined) styles.app = css;
  }

  report('compiling wxs and JavaScript modules');
  await compileWxs(files, wxsIds, (id, code) => bundleOf(id).view.push(code), problems);
  const listing = files.list();
  for (const entry of listing.filter((file) => file.path.endsWith('.js'))) {
    const code = await compileJsModule(entry.path, files.read(entry.path) ?? '').catch((error: unknown) => {
      if (error instanceof CompileError) problems.push(error);
      else throw error;
    });
    if (code !== undefined) bundleOf(entry.path).logic.push(wrapLogicModule(entry.path, code));
  }
  for (const page of pages) {
    if (files.exists(`${page}.js`)) continue;
    bundleOf(page).logic.push(wrapLogicModule(`${page}.js`, `console.warn(${JSON.stringify(`Page "${page}" has no ${page}.js; it runs as Page({})`)});\nPage({});`));
  }
  // require.async may reach into another package: each literal target must exist somewhere.
  // Every module stays in its own package's bundle; the manifest records where each points.
  const modules = new Set([...listing.filter((file) => file.path.endsWith('.js')).map((file) => file.path), ...pages.map((page) => `${page}.js`)]);
  const asyncModules: Record<string, Record<string, string>> = {};
  for (const entry of listing.filter((file) => file.path.endsWith('.js'))) {
    const resolved = resolveAsyncRequires(entry.path, files.read(entry.path) ?? '', modules, problems);
    if (Object.keys(resolved).length) asyncModules[entry.path] = resolved;
  }

  report('checking package sizes');
  const sizes = checkSizes(listing, roots, problems);
  const pageEntries: Record<string, PageEntry> = {};
  for (const page of pages) {
    const owner = owners.get(page) as TemplateOwner;
    const used = componentClosure(page, owners);
    const root = pageRoots.get(page) ?? '';
    const independent = subpackages.some((sub) => sub.root === root && sub.independent);
    // A page may use components of its own package and of the main package, except that an
    // independent subpackage runs without the main package (WeChat refuses these packages too).
    // app.wxss does not apply to independent pages either.
    for (const outside of used.filter((path) => packageOf(path, roots) !== root && (independent || packageOf(path, roots) !== ''))) {
      const where = root ? `${independent ? 'independent ' : ''}subpackage "${root}"` : 'the main package';
      problems.push(new CompileError('bad_subpackage_dependency', `page "${page}" of ${where} uses component "${outside}" from ${packageOf(outside, roots) ? `subpackage "${packageOf(outside, roots)}"` : 'the main package'}, which it cannot load`, { file: files.exists(`${page}.json`) ? `${page}.json` : `${page}.wxml`, line: 1, column: 1 }));
    }
    const sheets = [...(independent ? [] : ['app']), page, ...used].filter((key) => key in styles);
    pageEntries[page] = { config: owner.config, styles: sheets, root };
  }
  if (problems.length) return { ok: false, errors: problems };

  for (const [key, css] of Object.entries(styles)) bundleOf(key === 'app' ? '' : key).styles[key] = css;
  const packageFiles: Record<string, string> = {};
  for (const [root, bundle] of bundles) {
    const texts: Record<(typeof BUNDLE_NAMES)[number], string> = { 'logic.js': bundle.logic.join(''), 'view.js': bundle.view.join(''), 'styles.json': JSON.stringify(bundle.styles) };
    for (const name of BUNDLE_NAMES) packageFiles[bundleFile(root, name)] = texts[name];
  }
  const fileHashes = Object.fromEntries(Object.entries(packageFiles).map(([name, text]) => [name, { sha256: sha256(text), size: Buffer.byteLength(text) }]));
  const id = sha256(Object.entries(fileHashes).map(([name, entry]) => `${name}:${entry.sha256}`).join('\n') + JSON.stringify({ app, pageEntries, manifestComponents }));
  const manifest: PackageManifest = {
    format: 1,
    id,
    appId: typeof projectConfig.appid === 'string' ? projectConfig.appid : 'touristappid',
    entryPage: app.entryPagePath ?? (pages[0] as string),
    app: { ...app, pages },
    pages: pageEntries,
    components: manifestComponents,
    files: fileHashes,
    sizes,
    subpackages,
    ...(Object.keys(asyncModules).length ? { asyncModules } : {}),
  };
  report(`package ${id.slice(0, 12)}: ${pages.length} pages, ${Object.keys(manifestComponents).length} components`);
  return { ok: true, package: { manifest, files: packageFiles } };
}

function listPages(app: AppConfig, files: ProjectFiles, problems: CompileError[]): { pages: string[]; pageRoots: Map<string, string> } {
  const pages: string[] = [];
  const pageRoots = new Map<string, string>();
  if (!Array.isArray(app.pages) || app.pages.length === 0) problems.push(new CompileError('bad_app_config', 'app.json must list at least one page in "pages"', { file: 'app.json', line: 1, column: 1 }));
  const add = (page: string, root: string): void => {
    const path = root ? `${root.replace(/\/$/, '')}/${page}` : page;
    // A page without a script still renders in WeChat (as if it called `Page({})`, with a
    // warning), and published programs rely on that for static pages; only the template is required.
    if (!files.exists(`${path}.wxml`)) {
      const at = files.positionOfString('app.json', page);
      const missing = [`${path}.wxml`, `${path}.js`].filter((file) => !files.exists(file)).join(' and ');
      problems.push(new CompileError('unknown_page', `page "${path}" is listed in app.json but ${missing} does not exist`, at?.position, at?.source));
      return;
    }
    pages.push(path);
    pageRoots.set(path, root);
  };
  for (const page of app.pages ?? []) add(page, '');
  for (const sub of listSubpackages(app)) for (const page of sub.pages) add(page.slice(sub.root.length + 1), sub.root);
  for (const reference of [app.entryPagePath, ...(app.tabBar?.list ?? []).map((item) => item.pagePath)]) {
    if (reference === undefined || pages.includes(reference)) continue;
    const at = files.positionOfString('app.json', reference);
    problems.push(new CompileError('unknown_page', `"${reference}" is not one of the pages in app.json`, at?.position, at?.source));
  }
  if (app.tabBar && (app.tabBar.list.length < 2 || app.tabBar.list.length > 5)) {
    problems.push(new CompileError('bad_app_config', `tabBar.list must have 2 to 5 items, found ${app.tabBar.list.length}`, files.positionOfString('app.json', 'tabBar')?.position));
  }
  return { pages, pageRoots };
}

function loadWxml(files: ProjectFiles, path: string, from?: WxmlSourceFile, offset = 0): WxmlSourceFile {
  const source = files.read(path);
  if (source === undefined) {
    throw new CompileError('missing_file', `${path} does not exist`, from ? { file: from.file, ...lineColumn(from.source, offset) } : undefined, from?.source);
  }
  return { file: path, source, nodes: parseWxml(source, path) };
}

function lineColumn(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

async function compileWxs(files: ProjectFiles, modules: Map<string, string | undefined>, emit: (id: string, code: string) => void, problems: CompileError[]): Promise<void> {
  const done = new Set<string>();
  const queue = [...modules.entries()];
  while (queue.length) {
    const [id, inline] = queue.shift() as [string, string | undefined];
    if (done.has(id)) continue;
    done.add(id);
    const source = inline ?? files.read(id);
    if (source === undefined) {
      problems.push(new CompileError('missing_file', `wxs module ${id} does not exist`));
      continue;
    }
    emit(id, wrapWxsModule(id, source));
    for (const match of source.matchAll(/require\(\s*["']([^"']+\.wxs)["']\s*\)/g)) {
      queue.push([resolveProjectPath(match[1] as string, id.split('#')[0] as string), undefined]);
    }
  }
}

function componentClosure(page: string, owners: Map<string, TemplateOwner>): string[] {
  const seen = new Set<string>();
  const visit = (path: string): void => {
    const owner = owners.get(path);
    // An abstract node's default is part of the page as much as the components it names.
    const targets = [...Object.values(owner?.components ?? {}), ...Object.values(owner?.generics ?? {})];
    for (const target of targets) {
      if (target === undefined) continue;
      if (seen.has(target)) continue;
      seen.add(target);
      visit(target);
    }
  };
  visit(page);
  return [...seen];
}

function prefixFor(path: string): string {
  const name = path.split('/').filter((part) => part !== 'index').pop() ?? 'c';
  return `${name.replace(/[^\w-]/g, '_')}_${sha256(path).slice(0, 5)}__`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function safely<T>(problems: CompileError[], work: () => T): T | undefined {
  try {
    return work();
  } catch (error) {
    if (error instanceof CompileError) {
      problems.push(error);
      return undefined;
    }
    throw error;
  }
}
