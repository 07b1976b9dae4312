/**
 * `npm run bench:sync`: a device that missed many messages reconnects and catches up.
 *
 * Alice and Bob are contacts; Bob goes offline; Alice sends --messages (10,000) over her socket,
 * pipelined with --window (256) in flight; Bob reconnects and syncs from his old cursor. catchup_ms
 * is the time from sending `sync` to receiving `synced`, by which point every message must have
 * arrived, once, in order. Flags (or BENCH_<NAME> env vars): --engine sqlite|postgres,
 * --messages, --window, --scrypt-cost. Ends with one RESULT line.
 */
import { performance } from 'node:perf_hooks';
import type { ServerFrame, TimelineEvent } from '@tessera/protocol';
import { Flags } from '../lib/args';
import { LoadClient, type LoadHandlers } from '../lib/load-client';
import { befriend, registerUsers } from '../lib/population';
import { ServerProcess } from '../lib/server-process';
import { costPerMessage, CpuMeter, loadAverage, round } from '../lib/stats';

const flags = new Flags();
const engine = flags.engine();
const total = flags.number('messages', 10_000);
const window = Math.max(1, flags.number('window', 256));
const scryptCost = flags.string('scrypt-cost', '10');

const log = (line: string) => console.log(line);

/** Alice's side: counts acks and keeps `window` sends in flight until all are sent. */
class Sender implements LoadHandlers {
  sent = 0;
  acked = 0;
  errors: string[] = [];
  private finished: (() => void) | undefined;

  constructor(private readonly conversationJson: string) {}

  run(client: LoadClient): Promise<void> {
    return new Promise((resolve) => {
      this.finished = resolve;
      while (this.sent < Math.min(window, total)) this.sendOne(client);
    });
  }

  private sendOne(client: LoadClient): void {
    client.send(this.conversationJson, `s${this.sent}`, `catch-up message ${this.sent}`);
    this.sent++;
  }

  onEvent(): void {}

  onAck(client: LoadClient): void {
    this.acked++;
    this.answered(client);
  }

  onError(client: LoadClient, error: Extract<ServerFrame, { type: 'error' }>): void {
    this.errors.push(`${error.code}: ${error.message}`);
    this.answered(client);
  }

  private answered(client: LoadClient): void {
    if (this.sent < total) this.sendOne(client);
    else if (this.acked + this.errors.length === total) this.finished?.();
  }
}

/** Bob's side: verifies every event of the catch-up as it arrives. */
class Receiver implements LoadHandlers {
  readonly seen = new Uint8Array(total);
  received = 0;
  duplicates = 0;
  outOfOrder = 0;
  foreign = 0;
  private timelineSeq: number;
  private conversationSeq = -1;

  constructor(
    private readonly senderId: string,
    cursor: number,
  ) {
    this.timelineSeq = cursor;
  }

  onEvent(_client: LoadClient, event: TimelineEvent): void {
    if (event.seq !== this.timelineSeq + 1) this.outOfOrder++;
    this.timelineSeq = Math.max(this.timelineSeq, event.seq);
    if (event.kind !== 'message.new') return;
    const message = event.message;
    if (this.conversationSeq >= 0 && message.seq !== this.conversationSeq + 1) this.outOfOrder++;
    this.conversationSeq = Math.max(this.conversationSeq, message.seq);
    const index = message.clientMsgId?.startsWith('s') ? Number(message.clientMsgId.slice(1)) : -1;
    if (message.senderId !== this.senderId || !(index >= 0 && index < total) || message.body.text !== `catch-up message ${index}`) {
      this.foreign++;
      return;
    }
    if (this.seen[index]) {
      this.duplicates++;
      return;
    }
    this.seen[index] = 1;
    this.received++;
  }

  onAck(): void {}

  onError(_client: LoadClient, error: Extract<ServerFrame, { type: 'error' }>): void {
    log(`error frame for Bob: ${error.code}: ${error.message}`);
  }
}

const ignore: LoadHandlers = { onEvent() {}, onAck() {}, onError() {} };

async function main(): Promise<string> {
  log(`bench:sync engine=${engine} messages=${total} window=${window}; load average ${loadAverage()} before start`);
  log(`server: TESSERA_SCRYPT_COST=${scryptCost}`);
  const server = await ServerProcess.start({ engine, settings: { TESSERA_SCRYPT_COST: scryptCost } });
  try {
    log(`server pid ${server.pid} at ${server.url}`);
    const [alice, bob] = await registerUsers(server.url, 2, 2);
    const pair = await befriend(server.url, alice!, bob!);

    const bobBefore = new LoadClient(bob!.id, bob!.token, ignore);
    await bobBefore.connect(server.url);
    const oldCursor = await bobBefore.sync(0);
    await bobBefore.close();
    log(`Bob synced to cursor ${oldCursor} and went offline`);

    const sender = new Sender(JSON.stringify(pair.conversationId));
    const aliceClient = new LoadClient(alice!.id, alice!.token, sender);
    await aliceClient.connect(server.url);
    await aliceClient.sync(0);
    const sendStart = performance.now();
    await sender.run(aliceClient);
    const sendSeconds = (performance.now() - sendStart) / 1000;
    log(`Alice sent ${sender.sent} messages (${sender.acked} acked) in ${round(sendSeconds, 2)} s (${round(sender.acked / sendSeconds)}/s)`);
    if (sender.errors.length > 0) log(`send errors: ${sender.errors.length}, first: ${sender.errors[0]}`);
    await aliceClient.close();

    const receiver = new Receiver(alice!.id, oldCursor);
    const bobClient = new LoadClient(bob!.id, bob!.token, receiver);
    await bobClient.connect(server.url);
    const meter = new CpuMeter(server.cpuSources());
    const syncStart = performance.now();
    const cursor = await bobClient.sync(oldCursor);
    const catchupMs = performance.now() - syncStart;
    const cpu = meter.read();
    await bobClient.close();
    const missed = total - receiver.received;
    log(
      `Bob caught up from cursor ${oldCursor} to ${cursor} in ${round(catchupMs, 1)} ms: ${receiver.received} messages verified,` +
        ` ${missed} missed, ${receiver.duplicates} duplicated, ${receiver.outOfOrder} out of order, ${receiver.foreign} unexpected`,
    );
    log(`cpu during catch-up: ${meter.describe(cpu)}; load average ${loadAverage()}`);
    log(`cost: ${costPerMessage(cpu, receiver.received)}`);
    return `RESULT sync missed=${missed} catchup_ms=${round(catchupMs)}`;
  } finally {
    await server.stop();
  }
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
