/**
 * `npm run bench:messaging`: one-to-one messaging against a real server process.
 *
 * Flags (or BENCH_<NAME> env vars): --engine sqlite|postgres, --clients 1000, --rate 2000,
 * --seconds 10 (per phase), --warmup 3 (seconds at --rate before the latency phase, reported
 * apart: the server's JIT and caches warm up there), --window 4,
 * --throughput-seconds (default --seconds; 0 skips phase c, e.g. to profile the latency phase alone), (closed-loop sends in flight per client), --scrypt-cost 10,
 * --profile <dir> (write the server's V8 CPU profile there and print its hottest functions).
 * Ends with one RESULT line.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Flags } from '../lib/args';
import { befriendPairs, registerUsers } from '../lib/population';
import { summariseProfiles } from '../lib/profile-summary';
import { mapLimit } from '../lib/rest';
import { ServerProcess } from '../lib/server-process';
import { costPerMessage, CpuMeter, delay, loadAverage, round, waitUntil } from '../lib/stats';
import { closedLoop, openLoop } from './drivers';
import { measureIdleMemory } from './idle-memory';
import { Ledger, Phase } from './ledger';
import { Participant, type OrderChecks } from './participant';
import { PingProbe } from './probe';
import { latencyBySecond } from './report';

const flags = new Flags();
const engine = flags.engine();
const clients = Math.max(2, Math.floor(flags.number('clients', 1000) / 2) * 2);
const rate = flags.number('rate', 2000);
const seconds = flags.number('seconds', 10);
const warmup = flags.number('warmup', 3);
const throughputSeconds = flags.number('throughput-seconds', seconds);
const window = Math.max(1, flags.number('window', 4));
const scryptCost = flags.string('scrypt-cost', '10');
const profileDir = flags.string('profile', '');

const log = (line: string) => console.log(line);
const cores = os.cpus().length;
const mb = (kb: number) => round(kb / 1024, 1);

async function main(): Promise<string> {
  log(`bench:messaging engine=${engine} clients=${clients} rate=${rate}/s warmup=${warmup}s seconds=${seconds} window=${window}`);
  log(`machine: ${cores} cores, load average ${loadAverage()} before start`);
  log(`server: TESSERA_SCRYPT_COST=${scryptCost} (cheap password hashes so setup takes seconds, not minutes)`);
  const server = await ServerProcess.start({
    engine,
    settings: {
      TESSERA_SCRYPT_COST: scryptCost,
      // Every setup request comes from 127.0.0.1; the default per-IP limit would stop registration.
      TESSERA_LOGIN_RATE_PER_MINUTE: '10000',
    },
    ...(profileDir ? { cpuProfileDir: profileDir } : {}),
    inspect: true,
  });
  try {
    return await measure(server);
  } finally {
    await server.stop();
    if (profileDir) summariseProfiles(profileDir, 25).forEach(log);
  }
}

async function measure(server: ServerProcess): Promise<string> {
  log(`server pid ${server.pid} at ${server.url}`);
  const setupStart = performance.now();
  const users = await registerUsers(server.url, clients + 1, 8);
  const pairs = await befriendPairs(server.url, users.slice(0, clients), 8);
  const probe = new PingProbe(users[clients]!);
  log(`setup: ${clients} users, ${pairs.length} contact pairs in ${round((performance.now() - setupStart) / 1000, 1)} s`);

  const ledger = new Ledger();
  const checks: OrderChecks = { gaps: 0, repeats: 0, errors: 0, firstErrors: [] };
  const participants = pairs.flatMap((pair) => [
    new Participant(pair.a, pair.conversationId, ledger, checks),
    new Participant(pair.b, pair.conversationId, ledger, checks),
  ]);

  // (a) Idle memory per authenticated, synced connection.
  const idleKbPerConn = await measureIdleMemory(server, participants, log);

  // (b) Latency at a fixed offered rate.
  await probe.connect(server.url);
  if (warmup > 0) {
    await openLoop(ledger, participants, rate, warmup, Phase.warmup);
    await drain(ledger);
    const [w50, w99, wMax] = ledger.latencies.get(Phase.warmup)!.percentiles(50, 99, 100);
    log(`(b) warm-up: ${rate}/s for ${warmup} s: p50 ${round(w50!, 1)} ms, p99 ${round(w99!, 1)} ms, max ${round(wMax!, 1)} ms (not counted below)`);
  }
  const meter = new CpuMeter(server.cpuSources());
  const commitsBefore = await server.commits();
  probe.start();
  ledger.traceStart = performance.now();
  const open = await openLoop(ledger, participants, rate, seconds);
  const openCpu = meter.read();
  await drain(ledger);
  const openPing = probe.stop();
  const [p50, p99, pMax] = ledger.latencies.get(Phase.latency)!.percentiles(50, 99, 100);
  log(
    `(b) latency: offered ${rate}/s for ${seconds} s (${open.sent} messages): p50 ${round(p50!, 2)} ms, p99 ${round(p99!, 2)} ms,` +
      ` max ${round(pMax!, 1)} ms; generator behind schedule p99 ${round(open.lagP99Ms, 1)} ms, max ${round(open.lagMaxMs, 1)} ms`,
  );
  latencyBySecond(ledger).forEach(log);
  log(`    cpu: ${meter.describe(openCpu)}`);
  log(`    cost: ${costPerMessage(openCpu, open.sent)}`);
  log(`    ping round trip (server event-loop stalls): ${pingLine(openPing)}`);
  await logCommits(server, commitsBefore, open.sent);

  // (c) Throughput, closed loop.
  const { offeredPerS, deliveredPerS, rssLoaded } = await throughputPhase(server, ledger, participants, probe);

  const lost = ledger.lost();
  log(
    `checks: sent ${ledger.sent}, acked ${ledger.acked}, rejected ${ledger.rejected}, unanswered ${ledger.unanswered()},` +
      ` delivered ${ledger.delivered}, lost ${lost}, duplicated ${ledger.duplicated}, seq gaps ${checks.gaps}, seq repeats ${checks.repeats}`,
  );
  if (checks.firstErrors.length > 0) log(`first errors: ${checks.firstErrors.join('; ')}`);
  log(`load average ${loadAverage()} at the end (figures measured on a shared machine are not final)`);
  await mapLimit(participants, 100, (participant) => participant.client.close());
  await probe.close();

  return (
    `RESULT messaging engine=${engine} clients=${participants.length} offered_per_s=${round(offeredPerS)}` +
    ` delivered_per_s=${round(deliveredPerS)} p50_ms=${round(p50!, 2)} p99_ms=${round(p99!, 2)} lost=${lost}` +
    ` duplicated=${ledger.duplicated} server_rss_mb=${mb(rssLoaded)} idle_kb_per_conn=${round(idleKbPerConn, 1)}`
  );
}

/** Phase (c): closed-loop sends for --throughput-seconds; prints its figures. */
async function throughputPhase(
  server: ServerProcess,
  ledger: Ledger,
  participants: Participant[],
  probe: PingProbe,
): Promise<{ offeredPerS: number; deliveredPerS: number; rssLoaded: number }> {
  if (throughputSeconds === 0) {
    log('(c) throughput: skipped (--throughput-seconds 0)');
    return { offeredPerS: 0, deliveredPerS: 0, rssLoaded: server.rssKb() };
  }
  const meter = new CpuMeter(server.cpuSources());
  const commitsBefore = await server.commits();
  const deliveredBefore = ledger.delivered;
  probe.start();
  const closed = await closedLoop(ledger, participants, window, throughputSeconds);
  const deliveredInWindow = ledger.delivered - deliveredBefore;
  const closedCpu = meter.read();
  const closedPing = probe.stop();
  const rssLoaded = server.rssKb();
  await drain(ledger);
  const offeredPerS = closed.sent / closed.seconds;
  const deliveredPerS = deliveredInWindow / closed.seconds;
  const [t50, t99] = ledger.latencies.get(Phase.throughput)!.percentiles(50, 99);
  log(
    `(c) throughput: window ${window}/client for ${round(closed.seconds, 1)} s: offered ${round(offeredPerS)}/s,` +
      ` delivered ${round(deliveredPerS)}/s; latency under saturation p50 ${round(t50!, 1)} ms, p99 ${round(t99!, 1)} ms`,
  );
  log(`    cpu: ${meter.describe(closedCpu)}`);
  log(`    cost: ${costPerMessage(closedCpu, deliveredInWindow)}`);
  log(`    ping round trip: ${pingLine(closedPing)}`);
  log(`    server RSS at end of throughput phase: ${mb(rssLoaded)} MB`);
  await logCommits(server, commitsBefore, closed.sent);
  return { offeredPerS, deliveredPerS, rssLoaded };
}

/** PostgreSQL only: commits since `before` (its statistics lag, so this waits a second first). */
async function logCommits(server: ServerProcess, before: number | undefined, messages: number): Promise<void> {
  if (before === undefined) return;
  await delay(1000);
  const commits = (await server.commits())! - before;
  log(
    `    PostgreSQL: ${commits} commits in the phase and its drain (statements outside a transaction count too),` +
      ` ${round(messages / Math.max(1, commits), 1)} messages per commit`,
  );
}

function pingLine(ping: { p50: number; p99: number; max: number }): string {
  return `p50 ${round(ping.p50, 1)} ms, p99 ${round(ping.p99, 1)} ms, max ${round(ping.max, 1)} ms`;
}

/** Waits for every send to be answered and every acked message to arrive (gives up after 10 s without progress). */
async function drain(ledger: Ledger): Promise<void> {
  const complete = await waitUntil(
    () => ledger.unanswered() === 0 && ledger.delivered >= ledger.acked,
    () => ledger.acked + ledger.rejected + ledger.delivered,
    10_000,
  );
  if (!complete) log(`drain: gave up after 10 s without progress (${ledger.unanswered()} unanswered)`);
}

main().then(
  (result) => {
    console.log(result);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
