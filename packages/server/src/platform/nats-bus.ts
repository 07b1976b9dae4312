import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { LocalBus, type Bus, type BusHandler, type BusMessage } from './bus';

const subjectPrefix = 'tessera.user.';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A bus across nodes: a NATS subject per user, subscribed by each node while it holds one of that
 * user's sockets. Messages for local sockets are delivered directly; `noEcho` keeps NATS from
 * handing this node its own publications a second time.
 */
export class NatsBus implements Bus {
  private readonly local = new LocalBus();
  private readonly subscriptions = new Map<string, Subscription>();

  private constructor(
    private readonly connection: NatsConnection,
    private readonly logger: Logger,
  ) {}

  static async connect(url: string, name: string, logger: Logger): Promise<NatsBus> {
    const connection = await connect({ servers: url, name, noEcho: true, maxReconnectAttempts: -1 });
    return new NatsBus(connection, logger);
  }

  publish(userId: string, message: BusMessage): void {
    this.local.publish(userId, message);
    this.connection.publish(subjectPrefix + userId, encoder.encode(JSON.stringify(message)));
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

  async close(): Promise<void> {
    await this.local.close();
    this.subscriptions.clear();
    await this.connection.drain();
  }
}
