import fs from 'node:fs';
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

/** CPU used by this process and by another (by pid) over an interval, as a share of one core. */
export class CpuMeter {
  private readonly startWall = performance.now();
  private readonly startSelf = process.cpuUsage();

  constructor(
    private readonly otherCpuMs: () => number,
    private readonly startOther = otherCpuMs(),
  ) {}

  /** Percent of one core: 100 = one core fully busy. */
  read(): { generatorPct: number; serverPct: number; seconds: number } {
    const wallMs = performance.now() - this.startWall;
    const self = process.cpuUsage(this.startSelf);
    return {
      generatorPct: ((self.user + self.system) / 1000 / wallMs) * 100,
      serverPct: ((this.otherCpuMs() - this.startOther) / wallMs) * 100,
      seconds: wallMs / 1000,
    };
  }
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
