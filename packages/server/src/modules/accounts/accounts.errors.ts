import { AppError } from '../../platform/errors';

export const accountErrors = {
  handleTaken: () => new AppError('handle_taken', 'That Tessera ID is already taken'),
  phoneTaken: () => new AppError('phone_taken', 'That phone number is already registered'),
  invalidCredentials: () => new AppError('invalid_credentials', 'The Tessera ID, phone number or password is wrong'),
  locked: (until: number) =>
    new AppError('account_locked', 'Too many failed sign-ins; try again later', { lockedUntil: new Date(until).toISOString() }),
  rateLimited: () => new AppError('rate_limited', 'Too many attempts; slow down and try again shortly'),
  unauthenticated: () => new AppError('unauthenticated', 'Sign in first'),
  sessionRevoked: () => new AppError('session_revoked', 'This session has ended; sign in again'),
  sessionNotFound: () => new AppError('not_found', 'No such session'),
  userNotFound: () => new AppError('user_not_found', 'No such user'),
};
