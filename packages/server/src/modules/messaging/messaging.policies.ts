import type { Executor } from '../sync';

/**
 * Rules other modules own that messaging must apply. The composition root wires them, so
 * messaging never imports contacts or media (which themselves build on messaging).
 */
export interface MessagingPolicies {
  /** Throws when `senderId` may not message `peerId` directly (not contacts, or blocked). */
  checkDirect(db: Executor, senderId: string, peerId: string): Promise<void>;
  /** Throws when the sender may not attach the media; otherwise records that the conversation references it. */
  attachMedia(db: Executor, senderId: string, conversationId: string, mediaId: string): Promise<void>;
}
