import pino, { type Logger } from 'pino';

export type { Logger };

/** The process logger: JSON lines on stdout, with secrets redacted. */
export function createLogger(level: string, nodeId: string): Logger {
  return pino({
    level,
    base: { node: nodeId },
    redact: ['req.headers.authorization', 'password', 'token', '*.password', '*.token'],
  });
}
