import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../packages/web');
const distIndex = path.join(webDir, 'dist', 'index.html');
const lockDir = path.join(webDir, '.build-lock');

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function isFresh(): boolean {
  try {
    const built = statSync(distIndex).mtimeMs;
    const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((entry) => newestMtime(path.join(webDir, entry)));
    return built >= Math.max(...sources);
  } catch {
    return false;
  }
}

const staleLockMs = 120_000;

function tryLock(): boolean {
  try {
    mkdirSync(lockDir);
    return true;
  } catch {
    // A lock left by a run that was killed mid-build would otherwise block every later run.
    try {
      if (Date.now() - statSync(lockDir).mtimeMs > staleLockMs) rmSync(lockDir, { recursive: true, force: true });
    } catch {
      // Removed by its owner meanwhile.
    }
    return false;
  }
}

/**
 * Builds packages/web into dist unless the build is newer than every source, so the server the
 * tests start serves the current app. Test files run in parallel workers: a directory lock makes
 * one of them build while the others wait for it.
 */
export async function ensureWebBuilt(): Promise<void> {
  if (isFresh()) return;
  const deadline = Date.now() + staleLockMs + 30_000;
  while (!tryLock()) {
    // Another worker is building; poll the lock rather than racing it for the same dist directory.
    if (Date.now() > deadline) throw new Error(`web build lock ${lockDir} held for too long`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  try {
    // The test runner sets NODE_ENV=test, which would give React's development build.
    if (!isFresh()) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: webDir, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
