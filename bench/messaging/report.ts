import { Samples, round } from '../lib/stats';
import { Phase, type Ledger } from './ledger';

/** Latency of the open-loop phase per second of send time, to show whether a tail is steady or a stall. */
export function latencyBySecond(ledger: Ledger): string[] {
  const latencies = ledger.latencies.get(Phase.latency)!;
  const buckets: Samples[] = [];
  for (let index = 0; index < latencies.length; index++) {
    const second = Math.max(0, Math.floor(ledger.latencySentAt.at(index) / 1000));
    (buckets[second] ??= new Samples()).push(latencies.at(index));
  }
  return buckets.map((bucket, second) => {
    const [p50, p99, max] = bucket.percentiles(50, 99, 100);
    return `    second ${second}: ${bucket.length} delivered, p50 ${round(p50!, 1)} ms, p99 ${round(p99!, 1)} ms, max ${round(max!, 1)} ms`;
  });
}
