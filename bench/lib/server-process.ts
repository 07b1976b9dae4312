import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createBenchDatabase, type BenchDatabase } from './database';
import { commandCpu } from './stats';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Clock ticks per second in /proc/<pid>/stat; 100 on every Linux we run on. */
const ticksPerSecond = 100;

export interface ServerOptions {
  engine: 'sqlite' | 'postgres';
  /** Extra TESSERA_* settings. */
  settings?: Record<string, string>;
  /** Writes a V8 CPU profile of the server into this directory when it exits. */
  cpuProfileDir?: string;
  /** Opens the server's inspector on a loopback port (for forced GC before memory readings). */
  inspect?: boolean;
}

/**
 * A Tessera server in its own process (`tessera start`), over a fresh data dir and database, so
 * the load generator never shares its event loop or heap with it.
 */
export class ServerProcess {
  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    private readonly dataDir: string,
    private readonly database: BenchDatabase,
    readonly engine: 'sqlite' | 'postgres',
    /** The inspector's WebSocket URL when started with `inspect`. */
    readonly inspectorUrl: string | undefined,
  ) {}

  static async start(options: ServerOptions): Promise<ServerProcess> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-'));
    const database = await createBenchDatabase(options.engine);
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      TESSERA_HOST: '127.0.0.1',
      TESSERA_PORT: '0',
      TESSERA_DATA_DIR: dataDir,
      TESSERA_LOG_LEVEL: 'warn',
      ...(database.url ? { TESSERA_DATABASE_URL: database.url } : {}),
      ...options.settings,
    };
    const nodeFlags = ['--import', 'tsx'];
    if (options.cpuProfileDir) nodeFlags.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`);
    if (options.inspect) nodeFlags.push('--inspect=127.0.0.1:0');
    let inspectorUrl: string | undefined;
    const child = spawn(process.execPath, [...nodeFlags, 'packages/cli/src/main.ts', 'start'], {
      cwd: repositoryRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const lines = readline.createInterface({ input: child.stdout! });
        lines.on('line', (line) => {
          const match = /Tessera is running at (http:\/\/\S+)/.exec(line);
          if (match) resolve(match[1]!);
          else console.error(`[server] ${line}`);
        });
        readline.createInterface({ input: child.stderr! }).on('line', (line) => {
          const inspector = /Debugger listening on (ws:\/\/\S+)/.exec(line);
          if (inspector) inspectorUrl = inspector[1];
          else if (!/^For help, see:|^Debugger (attached|ending)|^Waiting for the debugger/.test(line)) console.error(`[server] ${line}`);
        });
        child.once('exit', (code) => reject(new Error(`server exited with code ${code} before listening`)));
      });
      const server = new ServerProcess(child, url, dataDir, database, options.engine, inspectorUrl);
      process.once('SIGINT', server.interrupted);
      return server;
    } catch (error) {
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Resident set size from /proc/<pid>/status, in KiB. */
  rssKb(): number {
    const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    if (!match) throw new Error('no VmRSS in /proc status');
    return Number(match[1]);
  }

  /** User + system CPU time the server has used so far, in milliseconds. */
  cpuMs(): number {
    const stat = fs.readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  }

  /** Transactions committed so far (PostgreSQL only; its statistics lag by up to a second). */
  commits(): Promise<number | undefined> {
    return this.database.commits();
  }

  /** Cumulative CPU readers for a CpuMeter: the server, and PostgreSQL's processes when it is the engine. */
  cpuSources(): Record<string, () => number> {
    const sources: Record<string, () => number> = { server: () => this.cpuMs() };
    if (this.engine === 'postgres') sources['postgres (all its processes)'] = commandCpu('postgres');
    return sources;
  }

  /** Ctrl-C during a run: still stop the server and drop its database. */
  private readonly interrupted = () => {
    console.error('interrupted: stopping the server and removing its data');
    void this.stop().finally(() => process.exit(130));
  };

  /** Stops the server (SIGTERM, SIGKILL after 10 s), drops its database and removes its data dir. */
  async stop(): Promise<void> {
    process.off('SIGINT', this.interrupted);
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await this.database.drop();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
