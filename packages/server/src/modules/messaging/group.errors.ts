import { AppError } from '../../platform/errors';

/** Errors of group management; membership and lookup errors come from `messagingErrors`. */
export const groupErrors = {
  notAdmin: () => new AppError('not_group_admin', 'Only the group owner and admins can do this'),
  notOwner: () => new AppError('not_group_owner', 'Only the group owner can do this'),
  full: (limit: number) => new AppError('group_full', `A group can have at most ${limit} members`, { limit }),
  ownerCannotLeave: () => new AppError('owner_cannot_leave', 'Transfer ownership before leaving the group'),
  targetNotMember: (userId: string) => new AppError('not_a_member', 'That user is not a member of this group', { userId }),
  noOtherMembers: () => new AppError('validation_failed', 'A group needs at least one member besides you'),
  notSelf: (action: string) => new AppError('bad_request', `You cannot ${action} yourself`),
  ownerRole: () => new AppError('bad_request', 'The owner cannot be made an admin'),
};
