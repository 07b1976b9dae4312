import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/** Shortens a script URL to the part that names it: the package under node_modules, or the repo path. */
function place(url: string): string {
  if (!url) return '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return url.slice(modules + 'node_modules/'.length);
  const packages = url.indexOf('/packages/');
  if (packages >= 0) return url.slice(packages + 1);
  return url.replace(/^file:\/\//, '');
}

function keyOf(node: ProfileNode): string {
  const frame = node.callFrame;
  return `${frame.functionName || '(anonymous)'} ${place(frame.url)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
}

function owner(url: string): string {
  const shown = place(url);
  if (shown.startsWith('packages/')) return shown;
  const parts = shown.split('/');
  return shown.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * Reads the V8 CPU profiles in `dir` and lists where the process spent its own (self) time: the
 * hottest functions and the hottest files or packages, as shares of all samples.
 */
export function summariseProfiles(dir: string, top: number): string[] {
  const files = fs.readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { nodes: ProfileNode[] };
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    for (const node of profile.nodes) {
      const hits = node.hitCount ?? 0;
      const frame = node.callFrame;
      // Idle time is the process waiting; shares are of the time it was busy.
      if (hits === 0 || frame.functionName === '(idle)') continue;
      total += hits;
      const key = keyOf(node);
      byFunction.set(key, (byFunction.get(key) ?? 0) + hits);
      const ownerKey = frame.url ? owner(frame.url) : frame.functionName;
      byOwner.set(ownerKey, (byOwner.get(ownerKey) ?? 0) + hits);
    }
    // Inclusive time of our own functions: each sample counts once per distinct function on its stack.
    const walk = (node: ProfileNode, onStack: Set<string>): number => {
      let hits = node.callFrame.functionName === '(idle)' ? 0 : (node.hitCount ?? 0);
      const key = keyOf(node);
      const ours = node.callFrame.url.includes('/packages/') && !onStack.has(key);
      if (ours) onStack.add(key);
      for (const child of node.children ?? []) hits += walk(nodes.get(child)!, onStack);
      if (ours) {
        onStack.delete(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + hits);
      }
      return hits;
    };
    walk(profile.nodes[0]!, new Set());
  }
  const rank = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, hits]) => `  ${((hits / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
  return [
    `server CPU profile (${files.length} file(s) in ${dir}, ${total} busy samples):`,
    'hottest functions, self time:',
    ...rank(byFunction),
    'by file or package:',
    ...rank(byOwner),
    'our functions, inclusive (self + callees):',
    ...rank(inclusive),
  ];
}

// Run directly: `tsx bench/lib/profile-summary.ts <dir> [top]`.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  summariseProfiles(process.argv[2] ?? '.', Number(process.argv[3] ?? 30)).forEach((line) => console.log(line));
}
