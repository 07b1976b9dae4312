import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The import rules of docs/architecture.md, checked on every file: transport -> service ->
 * repository inside a module, modules reach each other only through index.ts, platform never
 * imports modules, and the module graph has no cycles.
 */
const root = path.resolve(import.meta.dirname);
const modulesDir = path.join(root, 'modules');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  for (const match of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(?\s*['"]([^'"]+)['"]/g)) {
    specifiers.push((match[1] ?? match[2])!);
  }
  return specifiers;
}

function moduleOf(file: string): string | undefined {
  const relative = path.relative(modulesDir, file);
  return relative.startsWith('..') ? undefined : relative.split(path.sep)[0];
}

/** The role a file plays inside its module, from its name. */
function roleOf(file: string): 'transport' | 'service' | 'repository' | 'other' {
  if (/\.(routes|ws)\.ts$/.test(file)) return 'transport';
  if (/\.service\.ts$/.test(file)) return 'service';
  if (/\.repository\.ts$/.test(file)) return 'repository';
  return 'other';
}

const files = sourceFiles(root);
const edges = files.flatMap((file) =>
  importsOf(file)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => ({ from: file, to: path.resolve(path.dirname(file), specifier), specifier })),
);

describe('architecture', () => {
  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('modules reach other modules only through their index', () => {
    const breaks = edges.filter(({ from, to }) => {
      const source = moduleOf(from);
      const target = moduleOf(to);
      if (!target || source === target) return false;
      return to !== path.join(modulesDir, target);
    });
    expect(breaks.map(({ from, specifier }) => `${path.relative(root, from)} -> ${specifier}`)).toEqual([]);
  });

  it('platform never imports modules', () => {
    const breaks = edges.filter(({ from, to }) => from.includes(`${path.sep}platform${path.sep}`) && to.startsWith(modulesDir));
    expect(breaks.map(({ from, specifier }) => `${path.relative(root, from)} -> ${specifier}`)).toEqual([]);
  });

  it('imports point transport -> service -> repository inside a module', () => {
    const rank = { transport: 3, service: 2, repository: 1 } as const;
    const breaks = edges.filter(({ from, to }) => {
      const source = roleOf(from);
      const target = roleOf(to + '.ts');
      if (source === 'other' || target === 'other') return false;
      return rank[target] > rank[source];
    });
    expect(breaks.map(({ from, specifier }) => `${path.relative(root, from)} -> ${specifier}`)).toEqual([]);
  });

  it('the module graph has no cycles', () => {
    const graph = new Map<string, Set<string>>();
    for (const { from, to } of edges) {
      const source = moduleOf(from);
      const target = moduleOf(to);
      if (!source || !target || source === target) continue;
      if (!graph.has(source)) graph.set(source, new Set());
      graph.get(source)!.add(target);
    }
    const cycles: string[] = [];
    const visit = (node: string, trail: string[]) => {
      if (trail.includes(node)) {
        cycles.push([...trail.slice(trail.indexOf(node)), node].join(' -> '));
        return;
      }
      for (const next of graph.get(node) ?? []) visit(next, [...trail, node]);
    };
    for (const node of graph.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });
});
