export { TimelineService, TimelineWriter, type AddressedEvent } from './timeline.service';
export type { Executor } from './timeline.repository';
export { messageFromRow, type MessageRow } from './message-row';
export { registerSyncRoutes } from './sync.routes';
