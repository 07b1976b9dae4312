import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Real server processes for tests that need more than one: Tessera nodes as `tessera start` runs
 * them, and private NATS servers a test may stop and start again.
 */

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const natsServerBinary = process.env.TESSERA_TEST_NATS_SERVER ?? 'nats-server';

/** A process started here, with what it printed. */
export interface RunningProcess {
  readonly pid: number;
  /** Everything the process printed so far, for failure messages. */
  output(): string;
  /** Sends a signal and resolves once the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** A Tessera server running as its own operating-system process. */
export interface ServerProcess extends RunningProcess {
  readonly nodeId: string;
  readonly url: string;
}

export interface ServerProcessOptions {
  nodeId: string;
  databaseUrl: string;
  natsUrl?: string;
  /** Further TESSERA_* settings. */
  env?: Record<string, string>;
  startTimeoutMs?: number;
}

const running = new Set<ChildProcess>();
const directories = new Set<string>();
// A test runner that dies without its cleanup must not leave servers behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A port that was free a moment ago: the OS picks it, the probe releases it for the server. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function temporaryDirectory(prefix: string): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  directories.add(directory);
  return directory;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Spawns a command and resolves once its output matches `ready`, with the match; or with
 * `undefined` match if it exits or stays silent past the timeout (it is killed then).
 */
async function launch(
  command: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs: number,
): Promise<{ process: RunningProcess; match: RegExpExecArray | undefined }> {
  const child = spawn(command, args, {
    cwd: repositoryRoot,
    // Only what a program needs to run: settings come from the caller, not the test's environment.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const done = new Promise<void>((resolve) => {
    const finish = () => {
      running.delete(child);
      resolve();
    };
    child.once('exit', finish);
    // A binary that cannot be started emits only `error`.
    child.once('error', finish);
  });
  let output = '';
  const match = await new Promise<RegExpExecArray | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const found = ready.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('error', (error) => {
      output += `${error.message}\n`;
    });
    void done.then(() => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
  const handle: RunningProcess = {
    pid: child.pid ?? -1,
    output: () => output,
    async kill(signal) {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) child.kill(signal);
      await done;
    },
  };
  if (!match) await handle.kill('SIGKILL');
  return { process: handle, match };
}

/**
 * Starts `tessera start` in a child process on a free loopback port with its own data directory
 * and resolves once it prints its URL. Fails with the process's output if it exits or stays
 * silent; retries on another port if the chosen one was taken in between.
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const dataDir = temporaryDirectory(`tessera-${options.nodeId}-`);
  for (let attempt = 1; attempt <= 3; attempt++) {
    const { process: started, match } = await launch(
      process.execPath,
      ['--import', 'tsx', 'packages/cli/src/main.ts', 'start'],
      {
        TESSERA_HOST: '127.0.0.1',
        TESSERA_PORT: String(await freePort()),
        TESSERA_NODE_ID: options.nodeId,
        TESSERA_DATA_DIR: dataDir,
        TESSERA_DATABASE_URL: options.databaseUrl,
        TESSERA_LOG_LEVEL: 'warn',
        ...(options.natsUrl ? { TESSERA_NATS_URL: options.natsUrl } : {}),
        ...options.env,
      },
      /Tessera is running at (http:\/\/\S+)/,
      options.startTimeoutMs ?? 30_000,
    );
    if (match) return { ...started, nodeId: options.nodeId, url: match[1]! };
    if (!started.output().includes('EADDRINUSE')) {
      throw new Error(`server ${options.nodeId} did not start:\n${started.output()}`);
    }
  }
  throw new Error(`server ${options.nodeId} found no free port in 3 attempts`);
}

/** What a finished command printed and how it exited. */
export interface CommandResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the `tessera` command line (`packages/cli/src/main.ts`) to completion with only the given
 * TESSERA_* settings, as an operator would run it beside the server.
 */
export function runTesseraCommand(args: string[], env: Record<string, string>, timeoutMs = 30_000): Promise<CommandResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', ...args], {
    cwd: repositoryRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) => {
    const finish = (status: number | null, problem = '') => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ status, stdout, stderr: stderr + problem });
    };
    child.once('error', (error) => finish(null, `${error.message}\n`));
    // `close` rather than `exit`: by then everything the command printed has been read.
    child.once('close', (status) => finish(status));
  });
}

/** A private NATS server on a fixed loopback port, so it can be stopped and started again there. */
export interface NatsServerProcess {
  readonly url: string;
  /** Kills the server with SIGKILL; its clients see the connection drop at once. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
}

/** Starts a private `nats-server` (the binary must be on PATH, or named by TESSERA_TEST_NATS_SERVER). */
export async function startNatsServer(): Promise<NatsServerProcess> {
  const port = await freePort();
  let current: RunningProcess | undefined;
  const start = async () => {
    const { process: started, match } = await launch(natsServerBinary, ['-a', '127.0.0.1', '-p', String(port)], {}, /Server is ready/, 10_000);
    if (!match) throw new Error(`nats-server did not start on port ${port}:\n${started.output()}`);
    current = started;
  };
  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    start,
    async stop() {
      await current?.kill('SIGKILL');
      current = undefined;
    },
  };
}

/**
 * Stops every process started here that is still running (SIGTERM, then SIGKILL for any that has
 * not exited within `graceMs`) and removes their data directories.
 */
export async function stopAllProcesses(graceMs = 5_000): Promise<void> {
  await Promise.all(
    [...running].map(async (child) => {
      const gone = exited(child);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await gone;
      clearTimeout(timer);
    }),
  );
  for (const directory of directories) fs.rmSync(directory, { recursive: true, force: true });
  directories.clear();
}

/** Fails with a clear message unless a NATS server answers at `url`. */
export function requireNats(url: string, timeoutMs = 5_000): Promise<void> {
  const address = new URL(url.replace(/^(nats|tls):/, 'http:'));
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(address.port || 4222), address.hostname);
    const fail = (why: string) => {
      socket.destroy();
      reject(new Error(`NATS is required here and is not reachable at ${url}: ${why}`));
    };
    socket.setTimeout(timeoutMs, () => fail(`no greeting within ${timeoutMs} ms`));
    socket.once('error', (error) => fail(error.message));
    socket.once('data', (greeting) => {
      socket.destroy();
      if (greeting.toString().startsWith('INFO ')) resolve();
      else fail(`unexpected greeting ${JSON.stringify(greeting.toString().slice(0, 40))}`);
    });
  });
}
