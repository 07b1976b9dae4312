import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run as build } from '../commands/build';
import { run as create } from '../commands/create';
import { parseArguments } from './cli-arguments';

let output: string[];

beforeEach(() => {
  output = [];
  const capture = (...parts: unknown[]): void => {
    output.push(parts.map(String).join(' '));
  };
  vi.spyOn(console, 'log').mockImplementation(capture);
  vi.spyOn(console, 'error').mockImplementation(capture);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('tessera create and build', () => {
  it('creates a starter that builds, with two pages and a component', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tessera-cli-')), 'hello');
    expect(await create([dir, '--name', 'Hello'])).toBe(0);
    const app = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8')) as { pages: string[] };
    expect(app.pages).toHaveLength(2);
    expect(await build([dir])).toBe(0);
    expect(output.join('\n')).toMatch(/\[1\] reading app\.json[\s\S]*built touristappid[\s\S]*pages {4}2, components 1/);
    const [id] = readdirSync(join(dir, 'dist'));
    expect(readdirSync(join(dir, 'dist', id as string)).sort()).toEqual(['logic.js', 'manifest.json', 'styles.json', 'view.js']);
  });

  it('refuses to create into a non-empty directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-cli-'));
    writeFileSync(join(dir, 'keep.txt'), 'x');
    expect(await create([dir])).toBe(1);
    expect(output.join('\n')).toContain('is not empty');
  });

  it('exits non-zero and prints file:line:col with a code frame when the project is broken', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tessera-cli-')), 'broken');
    await create([dir]);
    writeFileSync(join(dir, 'pages/about/about.wxml'), '<view>\n  {{ launches + }}\n</view>\n');
    output = [];
    expect(await build([dir])).toBe(1);
    const text = output.join('\n');
    expect(text).toMatch(/pages\/about\/about\.wxml:2:\d+ error\[bad_expression\]/);
    expect(text).toContain('> 2 |   {{ launches + }}');
    expect(text).toContain('build failed: 1 problem');
  });

  it('tessera dev serves the simulator and the compiled package, and stops cleanly on SIGTERM', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tessera-cli-')), 'served');
    await create([dir]);
    const main = fileURLToPath(new URL('../main.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', main, 'dev', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const match = /simulator: (http:\/\/\S+)/.exec(text);
        if (match) resolve(match[1] as string);
      });
      child.on('exit', (code) => reject(new Error(`tessera dev exited early with ${code}`)));
    });
    const page = await (await fetch(url)).text();
    expect(page).toContain('/__tessera/simulator.js');
    const body = (await (await fetch(new URL('/__tessera/package.json', url))).json()) as { package?: { manifest: { pages: Record<string, unknown> } } };
    expect(Object.keys(body.package?.manifest.pages ?? {})).toEqual(['pages/index/index', 'pages/about/about']);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('parses positionals, --name value, --name=value and flags', () => {
    expect(parseArguments(['dir', '--port', '80', '--host=0.0.0.0', '--help'], ['help'])).toEqual({ positional: ['dir'], options: { port: '80', host: '0.0.0.0', help: true } });
  });
});
