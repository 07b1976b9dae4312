import { Samples } from '../lib/stats';

/** Benchmark phases whose messages are told apart in the ledger. */
export const Phase = { warmup: 1, latency: 2, throughput: 3 } as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

/**
 * Every message the benchmark sent, by index (its clientMsgId is `m<index in base 36>`): when it
 * was sent, whether it was acked, how often the recipient saw it. Typed arrays keep the per-message
 * cost at a few bytes and no allocation.
 */
export class Ledger {
  private sentAt = new Float64Array(1 << 16);
  private flags = new Uint8Array(1 << 16);
  private deliveries = new Uint8Array(1 << 16);
  private phases = new Uint8Array(1 << 16);
  sent = 0;
  acked = 0;
  rejected = 0;
  /** First deliveries to the recipient. */
  delivered = 0;
  duplicated = 0;
  readonly latencies = new Map<Phase, Samples>([
    [Phase.warmup, new Samples()],
    [Phase.latency, new Samples()],
    [Phase.throughput, new Samples()],
  ]);
  /** Send times (ms since `traceStart`) of latency-phase deliveries, parallel to their latency samples. */
  readonly latencySentAt = new Samples();
  traceStart = 0;

  /** Reserves the next message; returns its index. */
  begin(phase: Phase, now: number): number {
    const index = this.sent++;
    if (index === this.sentAt.length) this.grow();
    this.sentAt[index] = now;
    this.phases[index] = phase;
    return index;
  }

  ack(index: number): void {
    if (index >= this.sent || this.flags[index] !== 0) return;
    this.flags[index] = 1;
    this.acked++;
  }

  reject(index: number): void {
    if (index >= this.sent || this.flags[index] !== 0) return;
    this.flags[index] = 2;
    this.rejected++;
  }

  /** The recipient received message `index` at `now`. */
  deliver(index: number, now: number): void {
    if (index >= this.sent) return;
    const count = this.deliveries[index]!;
    if (count > 0) {
      this.duplicated++;
      if (count < 255) this.deliveries[index] = count + 1;
      return;
    }
    this.deliveries[index] = 1;
    this.delivered++;
    const phase = this.phases[index] as Phase;
    this.latencies.get(phase)?.push(now - this.sentAt[index]!);
    if (phase === Phase.latency) this.latencySentAt.push(this.sentAt[index]! - this.traceStart);
  }

  /** Acked messages the recipient never received. */
  lost(): number {
    let lost = 0;
    for (let index = 0; index < this.sent; index++) if (this.flags[index] === 1 && this.deliveries[index] === 0) lost++;
    return lost;
  }

  /** Sent messages with neither an ack nor an error. */
  unanswered(): number {
    return this.sent - this.acked - this.rejected;
  }

  private grow(): void {
    const size = this.sentAt.length * 2;
    const sentAt = new Float64Array(size);
    sentAt.set(this.sentAt);
    this.sentAt = sentAt;
    for (const key of ['flags', 'deliveries', 'phases'] as const) {
      const grown = new Uint8Array(size);
      grown.set(this[key]);
      this[key] = grown;
    }
  }
}
