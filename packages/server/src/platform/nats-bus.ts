import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { LocalBus, type Bus, type BusHandler, type BusMessage } from './bus';

const subjectPrefix = 'tessera.user.';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A bus across nodes: a NATS subject per user, subscribed by each node only while it holds one of
 * that user's sockets. Messages for local sockets are delivered directly; `noEcho` keeps NATS from
 * handing this node its own publications a second time.
 *
 * NATS delivers at most once, and nothing published while this node is cut off from it reaches
 * this node later. The connection retries for ever (`maxReconnectAttempts: -1`) and restores its
 * subscriptions; once it is back, every local subscriber gets a `resync` so its sockets read what
 * they missed from the database, which stays the truth.
 */
export class NatsBus implements Bus {
  private readonly local = new LocalBus();
  private readonly subscriptions = new Map<string, Subscription>();
  private connected = true;

  private constructor(
    private readonly connection: NatsConnection,
    private readonly logger: Logger,
  ) {
    void this.watch();
  }

  static async connect(url: string, name: string, logger: Logger): Promise<NatsBus> {
    const connection = await connect({ servers: url, name, noEcho: true, maxReconnectAttempts: -1 });
    return new NatsBus(connection, logger);
  }

  publish(userId: string, message: BusMessage): void {
    this.local.publish(userId, message);
    try {
      this.connection.publish(subjectPrefix + userId, encoder.encode(JSON.stringify(message)));
    } catch (error) {
      // Only a closed connection throws (while reconnecting, NATS buffers). The change is already
      // committed; other nodes' devices find it on their next sync.
      this.logger.warn({ err: error, userId }, 'bus publish failed');
    }
  }

  subscribe(userId: string, handler: BusHandler): () => void {
    const unsubscribeLocal = this.local.subscribe(userId, handler);
    if (!this.subscriptions.has(userId)) {
      const subscription = this.connection.subscribe(subjectPrefix + userId, {
        callback: (error, received) => {
          if (error) {
            this.logger.warn({ err: error, userId }, 'bus subscription error');
            return;
          }
          try {
            this.local.publish(userId, JSON.parse(decoder.decode(received.data)) as BusMessage);
          } catch (cause) {
            this.logger.warn({ err: cause, userId }, 'dropped an undecodable bus message');
          }
        },
      });
      this.subscriptions.set(userId, subscription);
    }
    return () => {
      unsubscribeLocal();
      if (!this.local.hasSubscribers(userId)) {
        this.subscriptions.get(userId)?.unsubscribe();
        this.subscriptions.delete(userId);
      }
    };
  }

  async whenSubscribed(): Promise<void> {
    if (!this.connected) return;
    try {
      // The server answers a PING after it has processed every SUB sent before it.
      await this.connection.flush();
    } catch {
      // Cut off or closed meanwhile: the reconnect's resync covers what this wait was for.
    }
  }

  async close(): Promise<void> {
    await this.local.close();
    this.subscriptions.clear();
    await this.connection.drain();
  }

  /** Follows the connection's state: logs outages and resyncs local sockets after each one. */
  private async watch(): Promise<void> {
    for await (const status of this.connection.status()) {
      if (status.type === 'disconnect') {
        this.connected = false;
        this.logger.warn({ server: status.server }, 'bus disconnected; reconnecting');
      } else if (status.type === 'reconnect') {
        this.connected = true;
        this.logger.warn({ server: status.server }, 'bus reconnected; resyncing local sockets');
        await this.whenSubscribed();
        for (const userId of [...this.local.subscribedUsers()]) this.local.publish(userId, { type: 'resync' });
      }
    }
    const error = await this.connection.closed();
    if (error) this.logger.error({ err: error }, 'bus connection closed');
  }
}
