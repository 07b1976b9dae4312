import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../packages/server/src/platform/http';
import { registerWebApp } from '../../packages/server/src/platform/web-app';

/** A real pino logger whose JSON lines the test can read. */
function capturingLogger(): { logger: pino.Logger; lines: () => { level: number; msg: string }[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines: () => chunks.join('').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { level: number; msg: string }) };
}

describe('serving the web app', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('starts without a build, warning once, and keeps JSON 404s', async () => {
    const { logger, lines } = capturingLogger();
    const app = createHttpServer(logger, { bodyLimit: 1024, trustProxy: false });
    await registerWebApp(app, logger, path.join(tmpdir(), 'tessera-no-such-build'));
    const response = await app.inject({ method: 'GET', url: '/chats' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
    expect(lines().filter((line) => line.level === 40).map((line) => line.msg)).toEqual([
      'web app not built; serving the API only (run `npm run build -w @tessera/web`)',
    ]);
    await app.close();
  });

  it('serves files, falls back to index.html for app paths, and 404s missing files and API paths', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tessera-web-'));
    dirs.push(root);
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>shell</title>');
    writeFileSync(path.join(root, 'assets', 'app-1a2b.js'), 'console.log(1)');
    const { logger } = capturingLogger();
    const app = createHttpServer(logger, { bodyLimit: 1024, trustProxy: false });
    app.get('/api/v1/health', async () => ({ ok: true }));
    await registerWebApp(app, logger, root);

    const shell = await app.inject({ method: 'GET', url: '/chats/abc?x=1' });
    expect(shell.statusCode).toBe(200);
    expect(shell.body).toContain('<title>shell</title>');
    expect(shell.headers['cache-control']).toBe('no-cache');
    const asset = await app.inject({ method: 'GET', url: '/assets/app-1a2b.js' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject({ method: 'GET', url: '/assets/gone-9z.js' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).json()).toEqual({ ok: true });
    const apiMiss = await app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(apiMiss.statusCode).toBe(404);
    expect(apiMiss.json()).toMatchObject({ error: { code: 'not_found' } });
    expect((await app.inject({ method: 'POST', url: '/chats' })).statusCode).toBe(404);
    await app.close();
  });
});
