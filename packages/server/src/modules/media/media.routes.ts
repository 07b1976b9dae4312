import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Authenticate, RequestAuth } from '../../platform/auth-hook';
import { AppError } from '../../platform/errors';
import { bearerToken } from '../../platform/http';
import { parse } from '../../platform/validation';
import { answerRange } from './media.range';
import type { MediaService, ReadableBlob } from './media.service';

const uploadQuery = z.object({ kind: z.enum(['image', 'voice', 'file']).default('file') });
const mediaParams = z.object({ id: z.string().min(1).max(128) });
const downloadQuery = z.object({ token: z.string().min(1).max(256).optional() });

export interface MediaRouteOptions {
  /** Bearer-header authentication, for uploads. */
  authenticate: Authenticate;
  /** Resolves a session token from wherever the request carried it (downloads accept `?token=`). */
  resolveToken: (token: string | undefined) => Promise<RequestAuth>;
  maxBytes: number;
}

/**
 * Media over REST, in a scope of its own so its body handling (raw streams, multipart) applies
 * to these routes only.
 */
export function registerMediaRoutes(app: FastifyInstance, media: MediaService, options: MediaRouteOptions): void {
  void app.register(async (scope) => {
    // Bodies reach the handler as unread streams: nothing is buffered and nothing is read before
    // the caller is authenticated.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    // One byte over the limit reaches our counter, which refuses it with media_too_large.
    await scope.register(multipart, { limits: { files: 1, fileSize: options.maxBytes + 1, fields: 10, fieldSize: 1024 } });

    /**
     * Upload: `POST /api/v1/media?kind=image|voice|file` with a bearer token, and either
     * - the file's bytes as the body, with any Content-Type (`fetch(url, { method: 'POST', body: file })`,
     *   `curl --data-binary @photo.jpg`), or
     * - `multipart/form-data` with one file part (`<form>` / FormData, `curl -F file=@photo.jpg`).
     * The declared Content-Type is ignored: the type is sniffed from the bytes. `kind` (default
     * `file`) is the message kind the upload is for; `image` requires a decodable JPEG/PNG/GIF/WebP
     * and `voice` an audio recording, else 415 media_type_not_allowed. Over TESSERA_MEDIA_MAX_BYTES:
     * 413 media_too_large. Answers 201 `{ id, contentType, size, width?, height?, thumbnailId? }`;
     * the same bytes uploaded again get the same id.
     */
    scope.post('/api/v1/media', async (request, reply) => {
      const auth = await options.authenticate(request);
      const { kind } = parse(uploadQuery, request.query);
      let source: Readable;
      let declaredSize: number | undefined;
      if (request.isMultipart()) {
        const part = await request.file();
        if (!part) throw new AppError('bad_request', 'The multipart body has no file part');
        source = part.file;
      } else {
        if (!isReadable(request.body)) throw new AppError('bad_request', 'The request has no body');
        source = request.body;
        const length = Number(request.headers['content-length']);
        if (Number.isFinite(length)) declaredSize = length;
      }
      return reply.status(201).send(await media.upload(auth.userId, source, kind, declaredSize));
    });

    /**
     * Download: `GET /api/v1/media/:id` and `/api/v1/media/:id/thumbnail`, with a bearer token or
     * `?token=` (for img/audio/video tags). Single byte ranges answer 206; ETag is the content hash.
     * Readers who may not see the media get 404 media_not_found.
     */
    scope.get('/api/v1/media/:id', async (request, reply) => serve(request, reply, 'original'));
    scope.get('/api/v1/media/:id/thumbnail', async (request, reply) => serve(request, reply, 'thumbnail'));
  });

  async function serve(request: FastifyRequest, reply: FastifyReply, variant: 'original' | 'thumbnail'): Promise<FastifyReply> {
    const { id } = parse(mediaParams, request.params);
    const { token } = parse(downloadQuery, request.query);
    const auth = await options.resolveToken(bearerToken(request) ?? token);
    return present(request, reply, await media.open(auth.userId, id, variant));
  }
}

function isReadable(body: unknown): body is Readable {
  return typeof body === 'object' && body !== null && typeof (body as Readable).pipe === 'function';
}

function present(request: FastifyRequest, reply: FastifyReply, blob: ReadableBlob): FastifyReply {
  const etag = `"${blob.id}"`;
  void reply
    .header('etag', etag)
    .header('cache-control', 'private, max-age=31536000, immutable')
    .header('accept-ranges', 'bytes')
    .header('x-content-type-options', 'nosniff')
    // Even if a browser were to render the bytes as a document, it could run nothing and fetch nothing.
    .header('content-security-policy', "default-src 'none'; sandbox")
    // The URL may carry a session token; never send it on as a referrer.
    .header('referrer-policy', 'no-referrer')
    .header('content-type', blob.contentType)
    .header('content-disposition', blob.inline ? 'inline' : `attachment; filename="${blob.id}"`);
  if (request.headers['if-none-match']?.split(',').some((tag) => tag.trim() === etag)) return reply.status(304).send();
  const ifRange = request.headers['if-range'];
  const range = ifRange !== undefined && ifRange !== etag ? { kind: 'full' as const } : answerRange(request.headers.range, blob.size);
  if (range.kind === 'unsatisfiable') {
    return reply.status(416).header('content-range', `bytes */${blob.size}`).header('content-type', 'text/plain').send('');
  }
  if (range.kind === 'partial') {
    return reply
      .status(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${blob.size}`)
      .header('content-length', range.end - range.start + 1)
      .send(blob.read({ start: range.start, end: range.end }));
  }
  return reply.status(200).header('content-length', blob.size).send(blob.read());
}
