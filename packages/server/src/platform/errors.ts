import { errorStatus, type ErrorCode } from '@tessera/protocol';

/**
 * An error a client may see: a stable code from the protocol and a safe message.
 * Anything thrown that is not an AppError is reported as `internal_error` and logged.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = errorStatus[code];
  }
}

/** The client-facing shape of any thrown value. */
export function presentError(error: unknown): { status: number; code: ErrorCode; message: string; details?: unknown } {
  if (error instanceof AppError) {
    return { status: error.status, code: error.code, message: error.message, details: error.details };
  }
  return { status: 500, code: 'internal_error', message: 'Something went wrong on the server' };
}
