import { AppError } from '../../platform/errors';

export const contactErrors = {
  userNotFound: () => new AppError('user_not_found', 'No user has that Tessera ID or phone number'),
  self: () => new AppError('bad_request', 'You cannot add yourself'),
  alreadyContacts: () => new AppError('already_contacts', 'You are already contacts'),
  notContacts: () => new AppError('not_contacts', 'You can message only your contacts'),
  blocked: () => new AppError('blocked', 'This user does not accept your messages'),
  requestNotFound: () => new AppError('not_found', 'No such friend request'),
  requestNotPending: () => new AppError('request_not_pending', 'This friend request has already been answered'),
  contactNotFound: () => new AppError('not_found', 'Not in your contacts'),
};
