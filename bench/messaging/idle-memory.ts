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
 * per connection from none to all, and prints every reading so a GC or allocator jump shows.
 */
export async function measureIdleMemory(server: ServerProcess, participants: Participant[], log: (line: string) => void): Promise<number> {
  const session = server.inspectorUrl ? await InspectorSession.open(server.inspectorUrl) : undefined;
  const read = async (connections: number): Promise<Reading> => {
    // Two collections a second apart: V8 and the allocator hand freed pages back lazily.
    await delay(500);
    await session?.collectAndMeasure();
    await delay(1000);
    const usage = session ? await session.collectAndMeasure() : undefined;
    return {
      connections,
      rssKb: server.rssKb(),
      heapKb: usage ? usage.heapUsed / 1024 : Number.NaN,
      externalKb: usage ? usage.external / 1024 : Number.NaN,
    };
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
    log(`(a) idle memory${session ? ' (after a forced full GC at each reading)' : ''}:`);
    for (const reading of readings) {
      log(
        `    ${String(reading.connections).padStart(5)} sockets: RSS ${round(reading.rssKb / 1024, 1)} MB,` +
          ` JS heap used ${round(reading.heapKb / 1024, 1)} MB, external ${round(reading.externalKb / 1024, 1)} MB`,
      );
    }
    log(
      `    per idle authenticated connection: RSS ${perConnection('rssKb')} KB, of which JS heap ${perConnection('heapKb')} KB` +
        ` and external ${perConnection('externalKb')} KB (kernel socket buffers are not in RSS)`,
    );
    return (last.rssKb - first.rssKb) / last.connections;
  } finally {
    await session?.close();
  }
}
