import { clientFrameSchemas, maxClientFrameBytes, type ClientFrame, type ClientFrameType } from '@tessera/protocol';
import { AppError } from '../../platform/errors';

export type Decoded = { frame: ClientFrame } | { error: AppError; id?: string };

function idOf(value: Record<string, unknown>): string | undefined {
  return typeof value.id === 'string' && value.id.length <= 64 ? value.id : undefined;
}

/**
 * Turns one WebSocket message into a validated client frame, or into the error to answer with.
 * Never throws: whatever the bytes, the caller gets a frame or an error.
 */
export function decodeFrame(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): Decoded {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  if (buffer.length > maxClientFrameBytes) {
    return { error: new AppError('frame_too_large', `Frames may be at most ${maxClientFrameBytes} bytes`) };
  }
  if (isBinary) return { error: new AppError('frame_malformed', 'Frames are JSON text') };
  let value: unknown;
  try {
    value = JSON.parse(buffer.toString('utf8'));
  } catch {
    return { error: new AppError('frame_malformed', 'The frame is not valid JSON') };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: new AppError('frame_malformed', 'A frame is a JSON object') };
  }
  const record = value as Record<string, unknown>;
  const type = record.type;
  const id = idOf(record);
  if (typeof type !== 'string' || !Object.hasOwn(clientFrameSchemas, type)) {
    return { error: new AppError('frame_unknown_type', `Unknown frame type ${JSON.stringify(type)?.slice(0, 40)}`), ...(id ? { id } : {}) };
  }
  const result = clientFrameSchemas[type as ClientFrameType].safeParse(record);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    const first = problems[0];
    return {
      error: new AppError('validation_failed', first ? `${first.path}: ${first.message}` : 'Invalid frame', { problems }),
      ...(id ? { id } : {}),
    };
  }
  return { frame: result.data as ClientFrame };
}
