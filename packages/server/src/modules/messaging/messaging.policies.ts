import type { AppError } from '../../platform/errors';
import type { Executor } from '../sync';

/**
 * Rules other modules own that messaging must apply. The composition root wires them, so
 * messaging never imports contacts or media (which themselves build on messaging).
 */
export interface MessagingPolicies {
  /**
   * For direct chats: the pairs whose sender may not message the peer (not contacts, or blocked),
   * keyed "sender peer", with the error to answer. Checked for a whole batch of sends at once.
   */
  directRefusals(db: Executor, pairs: { senderId: string; peerId: string }[]): Promise<Map<string, AppError>>;
  /** Throws when the sender may not attach the media; otherwise records that the conversation references it. */
  attachMedia(db: Executor, senderId: string, conversationId: string, mediaId: string, kind: 'image' | 'file' | 'voice'): Promise<void>;
}
