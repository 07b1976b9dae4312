import { InspectorSession } from '../lib/inspector';
import { mapLimit } from '../lib/rest';
import type { ServerProcess } from '../lib/server-process';
import { delay, round } from '../lib/stats';
import type { Participant } from './participant';

interface Reading {
  connections: number;
  rssKb: number;
  heapKb: number;
  externalKb: number;
}

/**
 * Phase (a): connects the participants in four steps, each socket authenticated, `ready` and
 * synced, reading the server's memory after a forced full GC at every step. Returns the RSS growth
 * per connection (median over the steps), and prints every reading so a GC or allocator jump shows.
 */
export async function measureIdleMemory(server: ServerProcess, participants: Participant[], log: (line: string) => void): Promise<number> {
  const session = server.inspectorUrl ? await InspectorSession.open(server.inspectorUrl) : undefined;
  const readOnce = async (connections: number): Promise<Reading> => {
    const usage = session ? await session.collectAndMeasure() : undefined;
    return {
      connections,
      rssKb: server.rssKb(),
      heapKb: usage ? usage.heapUsed / 1024 : Number.NaN,
      externalKb: usage ? usage.external / 1024 : Number.NaN,
    };
  };
  // V8 and the allocator hand freed pages back lazily, so a reading right after setup's garbage can
  // drop by megabytes later: collect and re-read every second until RSS holds still (256 KB, 10 tries).
  const read = async (connections: number): Promise<Reading> => {
    let reading = await readOnce(connections);
    for (let attempt = 0; attempt < 10; attempt++) {
      await delay(1000);
      const next = await readOnce(connections);
      const settled = Math.abs(next.rssKb - reading.rssKb) < 256;
      reading = next;
      if (settled) break;
    }
    return reading;
  };
  try {
    const readings = [await read(0)];
    const step = Math.ceil(participants.length / 4);
    for (let from = 0; from < participants.length; from += step) {
      const batch = participants.slice(from, from + step);
      await mapLimit(batch, 50, (participant) => participant.client.connect(server.url));
      await mapLimit(batch, 50, (participant) => participant.client.sync(0));
      readings.push(await read(from + batch.length));
    }
    const first = readings[0]!;
    const last = readings.at(-1)!;
    const perConnection = (key: 'rssKb' | 'heapKb' | 'externalKb') => round((last[key] - first[key]) / last.connections, 1);
    log(`(a) idle memory${session ? ' (each reading after forced full GCs, once RSS holds still)' : ''}:`);
    for (const reading of readings) {
      log(
        `    ${String(reading.connections).padStart(5)} sockets: RSS ${round(reading.rssKb / 1024, 1)} MB,` +
          ` JS heap used ${round(reading.heapKb / 1024, 1)} MB, external ${round(reading.externalKb / 1024, 1)} MB`,
      );
    }
    log(
      `    from none to all, per connection: RSS ${perConnection('rssKb')} KB, of which JS heap ${perConnection('heapKb')} KB` +
        ` and external ${perConnection('externalKb')} KB (kernel socket buffers are not in RSS)`,
    );
    // A step can also catch the runtime handing back memory it held from before (young-generation
    // shrinking, allocator trims: megabytes at once), so the figure is the median step's growth.
    const steps = readings.slice(1).map((reading, index) => (reading.rssKb - readings[index]!.rssKb) / (reading.connections - readings[index]!.connections));
    const sorted = [...steps].sort((a, b) => a - b);
    const median = (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
    log(`    RSS growth per connection by step: ${steps.map((step) => round(step, 1)).join(', ')} KB; median ${round(median, 1)} KB`);
    if (steps.some((step) => step < 0)) log('    note: RSS fell during a step (memory held from before the sockets was returned); the median ignores it');
    return median;
  } finally {
    await session?.close();
  }
}
