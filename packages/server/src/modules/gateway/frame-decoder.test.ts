import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorCodes, maxClientFrameBytes } from '@tessera/protocol';
import { decodeFrame } from './frame-decoder';

const text = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('decodeFrame', () => {
  it('accepts a valid send frame', () => {
    const decoded = decodeFrame(
      text({ type: 'send', id: 'r1', conversationId: 'c1', clientMsgId: 'm1', content: { kind: 'text', body: { text: 'hi 👋' } } }),
      false,
    );
    expect(decoded).toEqual({
      frame: { type: 'send', id: 'r1', conversationId: 'c1', clientMsgId: 'm1', content: { kind: 'text', body: { text: 'hi 👋' } } },
    });
  });

  it('names each kind of bad input with its own code', () => {
    const code = (decoded: ReturnType<typeof decodeFrame>) => ('error' in decoded ? decoded.error.code : 'ok');
    expect(code(decodeFrame(text('{not json'), false))).toBe('frame_malformed');
    expect(code(decodeFrame(Buffer.from([1, 2, 3]), true))).toBe('frame_malformed');
    expect(code(decodeFrame(text([1, 2]), false))).toBe('frame_malformed');
    expect(code(decodeFrame(text({ type: 'launch-missiles', id: 'x' }), false))).toBe('frame_unknown_type');
    expect(code(decodeFrame(text({ type: 'toString' }), false))).toBe('frame_unknown_type');
    expect(code(decodeFrame(text({ type: 'sync', id: 'x', cursor: -1 }), false))).toBe('validation_failed');
    expect(code(decodeFrame(Buffer.alloc(maxClientFrameBytes + 1, 32), false))).toBe('frame_too_large');
  });

  it('keeps the request id so the error reaches the right request', () => {
    const decoded = decodeFrame(text({ type: 'read', id: 'req-7', conversationId: 'c', seq: 'x' }), false);
    expect(decoded).toMatchObject({ id: 'req-7', error: { code: 'validation_failed' } });
  });

  it('never throws and always answers with a known code, whatever the bytes', () => {
    const frames = fc.oneof(
      fc.uint8Array({ maxLength: 2048 }).map((bytes) => ({ data: Buffer.from(bytes), binary: false })),
      fc.json().map((json) => ({ data: Buffer.from(json), binary: false })),
      fc
        .tuple(fc.record({
          type: fc.constantFrom('sync', 'send', 'read', 'recall', 'history', 'typing', 'ping', '__proto__', 'constructor'),
          id: fc.oneof(fc.string(), fc.integer(), fc.constant(undefined)),
          conversationId: fc.oneof(fc.string(), fc.constant(null)),
          cursor: fc.oneof(fc.integer(), fc.double(), fc.string()),
          seq: fc.oneof(fc.integer(), fc.string()),
          content: fc.anything(),
        }), fc.boolean())
        .map(([frame, binary]) => ({ data: text(frame), binary })),
    );
    fc.assert(
      fc.property(frames, ({ data, binary }) => {
        const decoded = decodeFrame(data, binary);
        if ('error' in decoded) expect(errorCodes).toContain(decoded.error.code);
        else expect(typeof decoded.frame.type).toBe('string');
      }),
      { numRuns: 5000 },
    );
  });
});
