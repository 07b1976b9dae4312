import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

/** An append-only list of numbers in a typed array, so recording a sample allocates nothing. */
export class Samples {
  private values = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  at(index: number): number {
    return this.values[index]!;
  }

  /** Percentiles (0-100) by nearest rank; NaN when empty. */
  percentiles(...ranks: number[]): number[] {
    const sorted = this.values.slice(0, this.length).sort();
    return ranks.map((rank) =>
      sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil((rank / 100) * sorted.length) - 1)]!,
    );
  }
}

/** Busy CPU time of the whole machine so far (all cores, from /proc/stat), in milliseconds. */
function machineBusyMs(): number {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return ((user! + nice! + system! + irq! + softirq! + steal!) * 1000) / 100;
}

/**
 * A reader of CPU time used by the processes with this command name (e.g. every `postgres`
 * process), in ms, counted from the first call. Each call adds what every process seen before used
 * since; processes that exit between calls lose their last stretch, so it never runs backwards.
 */
export function commandCpu(command: string): () => number {
  let previous: Map<string, number> | undefined;
  let totalTicks = 0;
  return () => {
    const current = new Map<string, number>();
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== command) continue;
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        current.set(entry, Number(fields[11]) + Number(fields[12]));
      } catch {
        // The process exited while we looked.
      }
    }
    if (previous) for (const [pid, ticks] of current) totalTicks += ticks - (previous.get(pid) ?? 0);
    previous = current;
    return (totalTicks * 1000) / 100;
  };
}

export interface CpuReading {
  generator: number;
  sources: Record<string, number>;
  others: number;
  seconds: number;
}

/**
 * CPU used over an interval by this process (the generator), by named sources (the server, the
 * database) and by everything else on the machine (other work competing for the same cores), each
 * as a percentage of one core.
 */
export class CpuMeter {
  private readonly startWall = performance.now();
  private readonly startSelf = process.cpuUsage();
  private readonly startMachine = machineBusyMs();
  private readonly startSources: Map<string, number>;

  constructor(private readonly sources: Record<string, () => number>) {
    this.startSources = new Map(Object.entries(sources).map(([name, read]) => [name, read()]));
  }

  read(): CpuReading {
    const wallMs = performance.now() - this.startWall;
    const self = process.cpuUsage(this.startSelf);
    const generator = ((self.user + self.system) / 1000 / wallMs) * 100;
    const sources: Record<string, number> = {};
    let accounted = generator;
    for (const [name, read] of Object.entries(this.sources)) {
      sources[name] = ((read() - this.startSources.get(name)!) / wallMs) * 100;
      accounted += sources[name];
    }
    const machine = ((machineBusyMs() - this.startMachine) / wallMs) * 100;
    return { generator, sources, others: Math.max(0, machine - accounted), seconds: wallMs / 1000 };
  }

  /** "server 95%, postgres 40%, generator 30%, other processes 20% (of 200%)". */
  describe(reading = this.read()): string {
    const { generator, sources, others } = reading;
    const parts = Object.entries(sources).map(([name, pct]) => `${name} ${Math.round(pct)}%`);
    parts.push(`generator ${Math.round(generator)}%`, `other processes ${Math.round(others)}%`);
    return `${parts.join(', ')} (of ${os.cpus().length * 100}%)`;
  }
}

/**
 * CPU microseconds each named source spent per message, and the rate one fully busy core would
 * sustain at that cost: a figure that holds even when other work steals the cores.
 */
export function costPerMessage(reading: CpuReading, messages: number): string {
  return Object.entries(reading.sources)
    .map(([name, pct]) => {
      const micros = ((pct / 100) * reading.seconds * 1e6) / Math.max(1, messages);
      return `${name} ${Math.round(micros)} us/message (one core's worth: ${Math.round(1e6 / micros)}/s)`;
    })
    .join(', ');
}

/** The 1-minute load average, to show how busy the shared machine was. */
export function loadAverage(): string {
  return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

export const round = (value: number, digits = 0): number => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

/** Resolves after `ms`; the benchmark paces and drains by wall time on purpose. */
export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `done` every 20 ms until it is true or nothing changed in `progress` for `idleMs`. */
export async function waitUntil(done: () => boolean, progress: () => number, idleMs: number): Promise<boolean> {
  let last = progress();
  let lastChange = performance.now();
  while (!done()) {
    await delay(20);
    const current = progress();
    if (current !== last) {
      last = current;
      lastChange = performance.now();
    } else if (performance.now() - lastChange > idleMs) {
      return false;
    }
  }
  return true;
}
