import { performance } from 'node:perf_hooks';
import { Samples } from '../lib/stats';
import { Phase, type Ledger } from './ledger';
import type { Participant } from './participant';

const text = 'benchmark message: the quick brown fox jumps over the lazy dog';

function sendNext(ledger: Ledger, participant: Participant, phase: Phase): void {
  const index = ledger.begin(phase, performance.now());
  participant.client.inFlight++;
  participant.client.send(participant.conversationJson, `m${index.toString(36)}`, text);
}

/**
 * Open loop: sends at `rate` messages per second in total, round-robin over the participants,
 * whether or not earlier sends were acked. Returns how far behind schedule the generator ran.
 */
export async function openLoop(
  ledger: Ledger,
  participants: Participant[],
  rate: number,
  seconds: number,
  phase: Phase = Phase.latency,
): Promise<{ sent: number; lagP99Ms: number; lagMaxMs: number }> {
  const lags = new Samples();
  const start = performance.now();
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  let sent = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      const due = Math.min(total, Math.floor((now - start) / interval) + 1);
      while (sent < due) {
        lags.push(now - (start + sent * interval));
        sendNext(ledger, participants[sent % participants.length]!, phase);
        sent++;
      }
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  const [lagP99Ms, lagMaxMs] = lags.percentiles(99, 100);
  return { sent, lagP99Ms: lagP99Ms!, lagMaxMs: lagMaxMs! };
}

/**
 * Closed loop: each participant keeps `window` sends in flight and sends the next as soon as one
 * is answered, for `seconds`. Returns the send count and the measured wall time.
 */
export async function closedLoop(
  ledger: Ledger,
  participants: Participant[],
  window: number,
  seconds: number,
): Promise<{ sent: number; seconds: number }> {
  const firstIndex = ledger.sent;
  let running = true;
  const refill = (participant: Participant) => {
    if (running && participant.client.inFlight < window) sendNext(ledger, participant, Phase.throughput);
  };
  const start = performance.now();
  for (const participant of participants) {
    participant.refill = refill;
    for (let slot = 0; slot < window; slot++) sendNext(ledger, participant, Phase.throughput);
  }
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  running = false;
  const elapsed = (performance.now() - start) / 1000;
  for (const participant of participants) participant.refill = undefined;
  return { sent: ledger.sent - firstIndex, seconds: elapsed };
}
