export { ConversationService, memberView } from './conversation.service';
export { MessageService, type CardContext, type SendAck, type SendRequest, type MessagingSettings } from './message.service';
export type { MessagingPolicies } from './messaging.policies';
export { registerMessagingRoutes } from './messaging.routes';
export { GroupService, type GroupPolicies, type GroupSettings, type GroupView } from './group.service';
export { registerGroupRoutes } from './group.routes';
export { conversationRepository, type ConversationRow, type MemberRow } from './conversation.repository';
export { messagingErrors } from './messaging.errors';
