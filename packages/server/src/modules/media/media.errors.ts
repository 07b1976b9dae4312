import { AppError } from '../../platform/errors';

/** Media errors. `notFound` is also what a reader without access gets, so existence never leaks. */
export const mediaErrors = {
  notFound: () => new AppError('media_not_found', 'No such media'),
  tooLarge: (maxBytes: number) =>
    new AppError('media_too_large', `Media may be at most ${maxBytes} bytes`, { maxBytes }),
  typeNotAllowed: (kind: string) =>
    new AppError('media_type_not_allowed', `The uploaded bytes are not a supported ${kind}`, { kind }),
  wrongKind: (kind: string) => new AppError('media_type_not_allowed', `That media cannot be sent as ${kind === 'image' ? 'an image' : `a ${kind}`}`, { kind }),
};
