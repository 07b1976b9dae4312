import { AppError } from '../../platform/errors';

export const messagingErrors = {
  conversationNotFound: () => new AppError('conversation_not_found', 'No such conversation'),
  notMember: () => new AppError('not_a_member', 'You are not a member of this conversation'),
  messageNotFound: () => new AppError('message_not_found', 'No such message'),
  recallWindowPassed: () => new AppError('recall_window_passed', 'Messages can be recalled only shortly after sending'),
  cannotRecall: () => new AppError('cannot_recall', 'Only the sender can recall this message'),
  readOnly: () => new AppError('forbidden', 'Nobody can send messages to this conversation'),
  mentionsOnlyInGroups: () => new AppError('validation_failed', 'Mentions are only for group conversations'),
};
