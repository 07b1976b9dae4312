import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AppError, presentError } from './errors';

/** Why Fastify rejected a request before our code ran, as a protocol error code. */
function fromFastify(error: { code?: string; statusCode?: number; message: string }): AppError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'The request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('bad_request', 'Unsupported content type');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('bad_request', 'The body is not valid JSON');
    default:
      if (error instanceof SyntaxError || error.statusCode === 400) return new AppError('bad_request', error.message);
      if (error.statusCode === 413) return new AppError('payload_too_large', 'The request body is too large');
      return undefined;
  }
}

/** A Fastify instance whose every error leaves as `{error: {code, message, details?}}`. */
export function createHttpServer(logger: Logger, options: { bodyLimit: number; trustProxy: boolean }): FastifyInstance {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: options.bodyLimit,
    // Per-request lines would dominate the log at chat volumes; errors are logged where they happen.
    logController: new LogController({ disableRequestLogging: true }),
    // Off unless a reverse proxy sets X-Forwarded-For: otherwise a client could pick its own address.
    trustProxy: options.trustProxy,
    // On close, end keep-alive connections too, rather than waiting out their idle timeout.
    forceCloseConnections: true,
  });
  app.setErrorHandler((error, request, reply) => {
    const known = error instanceof AppError ? error : fromFastify(error as Error & { code?: string; statusCode?: number });
    if (!known) request.log.error({ err: error, url: request.url }, 'unhandled error');
    const presented = presentError(known ?? error);
    const body = { error: { code: presented.code, message: presented.message, ...(presented.details === undefined ? {} : { details: presented.details }) } };
    void reply.status(presented.status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: 'not_found', message: `No route for ${request.method} ${request.url.split('?')[0]}` } });
  });
  return app;
}

/** The bearer token of a request, from the Authorization header. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return undefined;
  return header.slice('Bearer '.length).trim() || undefined;
}
