import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { readFile, stat } from 'node:fs/promises';
import { watch, type FSWatcher } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { compileProject, type CompileResult } from '../compiler/compile-project';
import { ProjectFiles } from '../compiler/project-files';
import { bundleFile } from '../compiler/subpackages';
import { runtimeBundles } from '../runtime/runtime-bundles';
import { regionPickerBundle } from '../runtime/region-data';
import { mergeRequestMaps, parseRequestMap, RELAY_PREFIX, RequestMapError, type RequestMapEntry } from './request-map';

/** A running `tessera dev` server. */
export interface DevServer {
  url: string;
  /** Recompiles now and tells open simulators to reload; resolves with the result. */
  rebuild(): Promise<CompileResult>;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.svg': 'image/svg+xml', '.webp': 'image/webp', '.json': 'application/json', '.txt': 'text/plain', '.mp4': 'video/mp4', '.webm': 'video/webm', '.wav': 'audio/wav', '.mp3': 'audio/mpeg' };

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Tessera simulator</title></head><body><script src="/__tessera/simulator.js"></script></body></html>`;

/**
 * Serves the simulator for a project directory: the simulator page, the runtime bundles, the
 * compiled package (recompiled on every change, pushed to the page as a `reload` event) and
 * the project's own files for images.
 */
export async function startDevServer(options: {
  dir: string;
  port?: number;
  host?: string;
  watch?: boolean;
  onBuild?(result: CompileResult): void;
  /** Origins to send elsewhere, over the project's `tessera.requestMap` (default: `TESSERA_DEV_REQUEST_MAP`). */
  requestMap?: string | Record<string, string>;
}): Promise<DevServer> {
  const bundles = await runtimeBundles();
  let result = await compileProject(options.dir);
  options.onBuild?.(result);
  const clients = new Set<ServerResponse>();
  const rebuild = async (): Promise<CompileResult> => {
    result = await compileProject(options.dir);
    options.onBuild?.(result);
    for (const client of clients) client.write('event: reload\ndata: {}\n\n');
    return result;
  };
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const send = (status: number, type: string, body: string | Buffer): void => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    switch (url.pathname) {
      case '/':
        return send(200, 'text/html; charset=utf-8', PAGE);
      case '/__tessera/simulator.js':
        return send(200, 'text/javascript', bundles.simulator);
      case '/__tessera/logic.js':
        return send(200, 'text/javascript', bundles.logic);
      case '/__tessera/view.js':
        return send(200, 'text/javascript', bundles.view);
      case '/__tessera/region-picker.json':
        // The picker's code and the table built from the pinned data set on first use; the host
        // fetches them when a region picker first opens.
        return send(200, 'application/json', JSON.stringify(await regionPickerBundle()));
      case '/__tessera/package.json':
        return send(200, 'application/json', JSON.stringify(packageResponse(result, options.dir, options.requestMap ?? process.env.TESSERA_DEV_REQUEST_MAP)));
      case '/__tessera/subpackage.json': {
        // A subpackage's bundles, fetched the first time the program needs them. The id keeps
        // a page from mixing bundles of two builds across a reload.
        const bundles = result.ok && url.searchParams.get('id') === result.package.manifest.id ? subpackageBundles(result.package.files, url.searchParams.get('root') ?? '') : undefined;
        return bundles ? send(200, 'application/json', JSON.stringify(bundles)) : send(404, 'text/plain', 'no such subpackage in the current build');
      }
      case '/__tessera/events':
        response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        response.write(': connected\n\n');
        clients.add(response);
        request.on('close', () => clients.delete(response));
        return;
    }
    if (url.pathname.startsWith(RELAY_PREFIX)) return relay(request, response, url, options.dir, options.requestMap ?? process.env.TESSERA_DEV_REQUEST_MAP);
    if (url.pathname.startsWith('/app/')) {
      const relative = normalize(decodeURIComponent(url.pathname.slice('/app/'.length)));
      const full = join(options.dir, relative);
      if (relative.startsWith('..') || relative.split(sep).some((part) => part.startsWith('.')) || !full.startsWith(normalize(options.dir))) return send(403, 'text/plain', 'forbidden');
      const info = await stat(full).catch(() => undefined);
      if (!info?.isFile()) return send(404, 'text/plain', 'not found');
      const type = TYPES[extname(full).toLowerCase()] ?? 'application/octet-stream';
      // A view hands a legacy canvas's images to the logic layer as bitmaps, which only images
      // readable across origins (CORS) can become. Images only: any page may then read them, and
      // the project's code and data must stay unreadable to other sites.
      if (type.startsWith('image/')) response.setHeader('access-control-allow-origin', '*');
      const body = await readFile(full);
      // Media elements seek through byte ranges; without them a <video> cannot be seeked.
      const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '');
      if (range && (range[1] || range[2])) {
        const start = range[1] ? Number(range[1]) : Math.max(0, body.length - Number(range[2]));
        const end = range[1] && range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
        if (start > end || start >= body.length) {
          response.writeHead(416, { 'content-range': `bytes */${body.length}` });
          return void response.end();
        }
        response.writeHead(206, { 'content-type': type, 'cache-control': 'no-store', 'accept-ranges': 'bytes', 'content-range': `bytes ${start}-${end}/${body.length}` });
        return void response.end(body.subarray(start, end + 1));
      }
      return send(200, type, body);
    }
    send(404, 'text/plain', 'not found');
  }
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  let watcher: FSWatcher | undefined;
  if (options.watch !== false) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    watcher = watch(options.dir, { recursive: true }, (_event, file) => {
      if (file && (file.startsWith('dist') || file.split(/[\\/]/).some((part) => part.startsWith('.') || part === 'node_modules'))) return;
      // Editors write a file in several steps; one rebuild after they settle is enough.
      clearTimeout(timer);
      timer = setTimeout(() => void rebuild(), 80);
    });
  }
  return {
    url: `http://${address.address}:${address.port}/`,
    rebuild,
    close: async () => {
      watcher?.close();
      for (const client of clients) client.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function subpackageBundles(files: Record<string, string>, root: string): { logicJs: string; viewJs: string; styles: unknown } | undefined {
  const logicJs = root ? files[bundleFile(root, 'logic.js')] : undefined;
  if (logicJs === undefined) return undefined;
  return { logicJs, viewJs: files[bundleFile(root, 'view.js')] ?? '', styles: JSON.parse(files[bundleFile(root, 'styles.json')] ?? '{}') as unknown };
}

function packageResponse(result: CompileResult, dir: string, extraMap: string | Record<string, string> | undefined): unknown {
  if (!result.ok) return { errors: result.errors.map((error) => error.format()) };
  const { manifest, files } = result.package;
  const settings = projectSettings(dir, extraMap);
  if (settings.errors.length) return { errors: settings.errors };
  const { setting, tessera, requestMap } = settings;
  const domains = Array.isArray(tessera.requestDomains) ? (tessera.requestDomains as unknown[]).map(String) : [];
  // A mapped origin stands in for the program's real server, so the simulator lets it through.
  for (const entry of requestMap) if (!domains.includes(new URL(entry.from).host)) domains.push(new URL(entry.from).host);
  return {
    package: { manifest, logicJs: files['logic.js'], viewJs: files['view.js'], styles: JSON.parse(files['styles.json'] ?? '{}') as unknown },
    policy: {
      domains,
      allowInsecure: true,
      skipDomainCheck: setting.urlCheck === false,
      webViewOrigins: Array.isArray(tessera.webViewOrigins) ? tessera.webViewOrigins : [],
    },
    relay: requestMap.map((entry) => entry.from),
  };
}

/**
 * project.config.json with the developer's project.private.config.json over it, as WeChat's
 * developer tools read them: `setting` and `tessera` merged key by key, the private file winning.
 */
function projectSettings(dir: string, extraMap: string | Record<string, string> | undefined): { setting: Record<string, unknown>; tessera: Record<string, unknown>; requestMap: RequestMapEntry[]; errors: string[] } {
  const files = new ProjectFiles(dir);
  const errors: string[] = [];
  const read = (path: string): Record<string, unknown> => {
    try {
      return files.readJson(path) ?? {};
    } catch (error) {
      errors.push(error instanceof Error && 'format' in error ? (error as { format(): string }).format() : String(error));
      return {};
    }
  };
  const base = read('project.config.json');
  const local = read('project.private.config.json');
  const section = (config: Record<string, unknown>, key: string): Record<string, unknown> => (config[key] && typeof config[key] === 'object' ? (config[key] as Record<string, unknown>) : {});
  const setting = { ...section(base, 'setting'), ...section(local, 'setting') };
  const tessera = { ...section(base, 'tessera'), ...section(local, 'tessera') };
  let requestMap: RequestMapEntry[] = [];
  try {
    requestMap = mergeRequestMaps(
      parseRequestMap(section(base, 'tessera').requestMap, 'project.config.json'),
      parseRequestMap(section(local, 'tessera').requestMap, 'project.private.config.json'),
      parseRequestMap(extraMap, 'TESSERA_DEV_REQUEST_MAP'),
    );
  } catch (error) {
    if (!(error instanceof RequestMapError)) throw error;
    errors.push(error.format());
  }
  return { setting, tessera, requestMap, errors };
}

/** Headers that describe one hop, or that the browser (not the program) decides. */
const HOP_HEADERS = /^(host|connection|keep-alive|transfer-encoding|upgrade|proxy-.*|te|trailer|origin|referer|cookie|accept-encoding|content-length|sec-.*)$/i;

/**
 * Sends a mapped request on to its target origin and streams the answer back. Only origins
 * the project maps are reachable this way: the relay is not an open proxy.
 */
async function relay(request: IncomingMessage, response: ServerResponse, url: URL, dir: string, extraMap: string | Record<string, string> | undefined): Promise<void> {
  const { requestMap, errors } = projectSettings(dir, extraMap);
  const match = /^(\d+)(\/.*)?$/.exec(url.pathname.slice(RELAY_PREFIX.length));
  const entry = match ? requestMap[Number(match[1])] : undefined;
  if (errors.length || !match || !entry) {
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('no such mapped origin');
    return;
  }
  const target = new URL(`${match[2] ?? '/'}${url.search}`, entry.to);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined && !HOP_HEADERS.test(name)) headers[name] = value;
  const body = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
  if (body.length) headers['content-length'] = String(body.length);
  await new Promise<void>((resolve) => {
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const upstream = send(target, { method: request.method, headers }, (answer) => {
      const out: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !HOP_HEADERS.test(name)) out[name] = value;
      response.writeHead(answer.statusCode ?? 502, out);
      answer.pipe(response);
      answer.on('end', resolve);
      answer.on('error', () => resolve());
    });
    upstream.on('error', (error) => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`relay to ${entry.to} failed: ${error.message}`);
      resolve();
    });
    // The program gave up (abort or timeout): stop the upstream request too.
    response.on('close', () => upstream.destroy());
    upstream.end(body);
  });
}
