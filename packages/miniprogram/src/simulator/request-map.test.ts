import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from './dev-server';
import { mergeRequestMaps, parseRequestMap, relayUrl, RequestMapError } from './request-map';

describe('parseRequestMap', () => {
  it('reads config objects and the environment form, keeping bare origins', () => {
    expect(parseRequestMap({ 'https://api.example.com/': 'http://127.0.0.1:4000' }, 'project.config.json')).toEqual([{ from: 'https://api.example.com', to: 'http://127.0.0.1:4000' }]);
    expect(parseRequestMap(' https://a.example=http://127.0.0.1:1 , https://b.example:8443=http://localhost:2', 'env')).toEqual([
      { from: 'https://a.example', to: 'http://127.0.0.1:1' },
      { from: 'https://b.example:8443', to: 'http://localhost:2' },
    ]);
    expect(parseRequestMap(undefined, 'env')).toEqual([]);
    expect(parseRequestMap('', 'env')).toEqual([]);
  });

  it.each([
    [{ 'https://a.example/api': 'http://127.0.0.1:1' }, 'origin only'],
    [{ 'ftp://a.example': 'http://127.0.0.1:1' }, 'only http and https'],
    [{ 'https://a.example': 'not a url' }, 'is not an origin'],
    [{ 'https://a.example': 3 }, 'is not an origin'],
    ['https://a.example', 'should be <origin>=<origin>'],
    [['https://a.example'], 'should be an object'],
  ])('refuses %j with bad_request_map', (value, message) => {
    let error: unknown;
    try {
      parseRequestMap(value, 'project.private.config.json');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RequestMapError);
    expect((error as RequestMapError).code).toBe('bad_request_map');
    expect((error as RequestMapError).format()).toContain('project.private.config.json error[bad_request_map]');
    expect((error as RequestMapError).message).toContain(message);
  });

  it('lets later sources win for the same origin', () => {
    const merged = mergeRequestMaps([{ from: 'https://a.example', to: 'http://one' }, { from: 'https://b.example', to: 'http://two' }], [{ from: 'https://a.example', to: 'http://three' }]);
    expect(merged).toEqual([
      { from: 'https://a.example', to: 'http://three' },
      { from: 'https://b.example', to: 'http://two' },
    ]);
  });

  it('sends only mapped origins to the relay, keeping path and query', () => {
    const origins = ['https://a.example', 'https://b.example'];
    expect(relayUrl('https://b.example/x/y?z=1', origins, 'http://127.0.0.1:3100/')).toBe('http://127.0.0.1:3100/__tessera/relay/1/x/y?z=1');
    expect(relayUrl('https://c.example/x', origins, 'http://127.0.0.1:3100/')).toBeUndefined();
    expect(relayUrl('http://a.example/x', origins, 'http://127.0.0.1:3100/')).toBeUndefined();
    expect(relayUrl('not a url', origins, 'http://127.0.0.1:3100/')).toBeUndefined();
  });
});

describe('the dev server with a request map', () => {
  let dir: string;
  let backend: Server;
  let server: DevServer;
  let seen: { method?: string; url?: string; body: string; headers: Record<string, unknown> };

  beforeAll(async () => {
    backend = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen = { method: request.method, url: request.url, body, headers: request.headers };
        response.writeHead(201, { 'Content-Type': 'application/json', 'X-Total-Count': '7' });
        response.end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    dir = mkdtempSync(join(tmpdir(), 'tessera-request-map-'));
    cpSync(new URL('../../test/fixtures/paged-list/', import.meta.url).pathname, dir, { recursive: true });
    // The developer's own file, over project.config.json, as WeChat's developer tools read it.
    writeFileSync(join(dir, 'project.private.config.json'), JSON.stringify({ setting: { urlCheck: true }, tessera: { requestMap: { 'https://goods.example.com': `http://127.0.0.1:${(backend.address() as AddressInfo).port}` } } }));
    server = await startDevServer({ dir, watch: false, requestMap: 'https://other.example=http://127.0.0.1:9' });
  });
  afterAll(async () => {
    await server?.close();
    await new Promise((resolve) => backend?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists mapped origins for the simulator and lets their hosts through', async () => {
    const body = (await (await fetch(`${server.url}__tessera/package.json`)).json()) as { relay: string[]; policy: { domains: string[]; skipDomainCheck: boolean } };
    expect(body.relay).toEqual(['https://goods.example.com', 'https://other.example']);
    expect(body.policy.domains).toEqual(['goods.example.com', 'other.example']);
    expect(body.policy.skipDomainCheck).toBe(false);
  });

  it('relays method, path, query, body and headers both ways, without the browser-only ones', async () => {
    const response = await fetch(`${server.url}__tessera/relay/0/items/add?x=1`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-token': 't1', cookie: 'session=1' }, body: '{"name":"n"}' });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-total-count')).toBe('7');
    expect(await response.text()).toBe('{"ok":true}');
    expect(seen).toMatchObject({ method: 'POST', url: '/items/add?x=1', body: '{"name":"n"}' });
    expect(seen.headers['x-token']).toBe('t1');
    expect(seen.headers.cookie).toBeUndefined();
  });

  it('is not an open proxy: unknown entries answer 404, a dead target 502', async () => {
    expect((await fetch(`${server.url}__tessera/relay/5/items`)).status).toBe(404);
    expect((await fetch(`${server.url}__tessera/relay/x/items`)).status).toBe(404);
    expect((await fetch(`${server.url}__tessera/relay/1/items`)).status).toBe(502);
  });

  it('reports a bad map instead of running the program', async () => {
    writeFileSync(join(dir, 'project.private.config.json'), JSON.stringify({ tessera: { requestMap: { 'https://goods.example.com/api': 'http://127.0.0.1:1' } } }));
    const body = (await (await fetch(`${server.url}__tessera/package.json`)).json()) as { errors?: string[]; package?: unknown };
    expect(body.package).toBeUndefined();
    expect(body.errors?.[0]).toContain('project.private.config.json error[bad_request_map]');
  });
});
