import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Logger } from './logger';

/** Where `npm run build -w @tessera/web` writes the web app. */
export const defaultWebRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

/**
 * Serves the built web app at `/`: files as they are (hashed assets cached for a year, the shell
 * and service worker revalidated), and index.html for any other GET outside /api and /ws so the
 * app's own routes load on refresh. API paths keep their JSON 404s. A missing build only logs a
 * warning: the API runs without the app.
 */
export async function registerWebApp(app: FastifyInstance, logger: Logger, root = defaultWebRoot): Promise<void> {
  if (!existsSync(path.join(root, 'index.html'))) {
    logger.warn({ root }, 'web app not built; serving the API only (run `npm run build -w @tessera/web`)');
    return;
  }
  await app.register(fastifyStatic, {
    root,
    // Files are found at start-up; the catch-all below answers everything else.
    wildcard: false,
    index: 'index.html',
    cacheControl: false,
    setHeaders(response, filePath) {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      response.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/*', async (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    // A missing file (a stale asset) is a 404, not the app: only extension-less paths are app routes.
    const isFile = /\.[a-z0-9]+$/i.test(pathname);
    if (isFile || pathname.startsWith('/api/') || pathname === '/api' || pathname.startsWith('/ws')) {
      return reply.status(404).send({ error: { code: 'not_found', message: `No route for GET ${pathname}` } });
    }
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
  });
}
