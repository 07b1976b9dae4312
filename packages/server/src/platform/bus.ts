import type { TimelineEvent } from '@tessera/protocol';

/** What one node tells the nodes holding a user's sockets. */
export type BusMessage =
  | { type: 'event'; event: TimelineEvent }
  | { type: 'typing'; conversationId: string; userId: string }
  | { type: 'session_revoked'; sessionId: string }
  /** Live messages may have been lost (the bus was cut off): read back from the database. */
  | { type: 'resync' };

export type BusHandler = (message: BusMessage) => void;

/**
 * Routes live messages to the sockets of a user, wherever they are connected. Delivery is best
 * effort: the timeline in the database is the truth, and a device that misses a live message
 * finds it on its next sync.
 */
export interface Bus {
  publish(userId: string, message: BusMessage): void;
  /** Starts routing a user's messages to this node; the returned function stops it. */
  subscribe(userId: string, handler: BusHandler): () => void;
  /**
   * Resolves once every subscription made before the call receives what any node publishes from
   * then on. A device reads its backlog only after this, so nothing committed after the read can
   * miss it. Never rejects: while the bus is cut off it resolves at once, and a `resync` follows.
   */
  whenSubscribed(): Promise<void>;
  close(): Promise<void>;
}

/** Delivers to handlers in this process. Every bus delivers locally through one of these. */
export class LocalBus implements Bus {
  private readonly handlers = new Map<string, Set<BusHandler>>();

  publish(userId: string, message: BusMessage): void {
    const handlers = this.handlers.get(userId);
    if (!handlers) return;
    for (const handler of handlers) handler(message);
  }

  subscribe(userId: string, handler: BusHandler): () => void {
    let handlers = this.handlers.get(userId);
    if (!handlers) {
      handlers = new Set();
      this.handlers.set(userId, handlers);
    }
    handlers.add(handler);
    return () => {
      const current = this.handlers.get(userId);
      if (!current) return;
      current.delete(handler);
      if (current.size === 0) this.handlers.delete(userId);
    };
  }

  whenSubscribed(): Promise<void> {
    return Promise.resolve();
  }

  /** Users with a handler in this process. */
  subscribedUsers(): IterableIterator<string> {
    return this.handlers.keys();
  }

  hasSubscribers(userId: string): boolean {
    return this.handlers.has(userId);
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
