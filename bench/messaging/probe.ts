import { performance } from 'node:perf_hooks';
import { LoadClient } from '../lib/load-client';
import type { BenchUser } from '../lib/population';
import { Samples } from '../lib/stats';

/**
 * Pings the server every 20 ms on a connection of its own and records the round trips. A ping
 * touches no database, so its round trip shows how long the server's event loop was busy.
 */
export class PingProbe {
  private readonly client: LoadClient;
  private readonly sentAt = new Map<string, number>();
  private rounds = new Samples();
  private timer: NodeJS.Timeout | undefined;
  private count = 0;

  constructor(user: BenchUser) {
    this.client = new LoadClient(user.id, user.token, {
      onEvent() {},
      onAck() {},
      onError() {},
      onPong: (_client, id, now) => {
        const sent = id === undefined ? undefined : this.sentAt.get(id);
        if (sent === undefined) return;
        this.sentAt.delete(id!);
        this.rounds.push(now - sent);
      },
    });
  }

  connect(url: string): Promise<void> {
    return this.client.connect(url);
  }

  /** Starts a fresh recording. */
  start(): void {
    this.rounds = new Samples();
    this.timer = setInterval(() => {
      const id = `p${++this.count}`;
      this.sentAt.set(id, performance.now());
      this.client.ping(id);
    }, 20);
  }

  /** Stops and returns the round trips so far as p50/p99/max in ms. */
  stop(): { p50: number; p99: number; max: number } {
    clearInterval(this.timer);
    const [p50, p99, max] = this.rounds.percentiles(50, 99, 100);
    return { p50: p50!, p99: p99!, max: max! };
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
