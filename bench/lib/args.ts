/**
 * Reads `--name value` / `--name=value` flags with environment-variable fallbacks, so a benchmark
 * can be sized from the command line (`npm run bench:messaging -- --clients 100`) or from CI's env.
 */
export class Flags {
  private readonly values = new Map<string, string>();

  constructor(argv: string[] = process.argv.slice(2)) {
    for (let index = 0; index < argv.length; index++) {
      const argument = argv[index]!;
      if (!argument.startsWith('--')) throw new Error(`unexpected argument "${argument}"`);
      const equals = argument.indexOf('=');
      if (equals > 0) {
        this.values.set(argument.slice(2, equals), argument.slice(equals + 1));
      } else {
        const next = argv[index + 1];
        const hasValue = next !== undefined && !next.startsWith('--');
        this.values.set(argument.slice(2), hasValue ? next : 'true');
        if (hasValue) index++;
      }
    }
  }

  /** The flag, else the BENCH_<NAME> environment variable, else the fallback. */
  string(name: string, fallback: string): string {
    const envName = `BENCH_${name.toUpperCase().replace(/-/g, '_')}`;
    return this.values.get(name) ?? process.env[envName] ?? fallback;
  }

  number(name: string, fallback: number): number {
    const raw = this.string(name, String(fallback));
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number, got "${raw}"`);
    return value;
  }

  boolean(name: string): boolean {
    const raw = this.string(name, 'false');
    return raw === 'true' || raw === '1';
  }

  engine(): 'sqlite' | 'postgres' {
    const engine = this.string('engine', 'sqlite');
    if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, got "${engine}"`);
    return engine;
  }
}
