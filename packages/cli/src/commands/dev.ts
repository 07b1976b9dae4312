import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { startDevServer } from '@tessera/miniprogram/simulator';
import { parseArguments } from '../miniprogram/cli-arguments';

const USAGE = 'Usage: tessera dev <project-dir> [--port 3100] [--host 127.0.0.1]\n\nServes the simulator for a mini program and reloads it on every save.';

/**
 * `tessera dev <dir>`: serve the simulator (phone frame, console, inspectors, page stack) and
 * recompile on every change; the page reloads itself. Runs until interrupted.
 */
export async function run(args: string[]): Promise<number> {
  const { positional, options } = parseArguments(args, ['help']);
  if (options.help || positional.length !== 1) {
    console.log(USAGE);
    return options.help ? 0 : 1;
  }
  const dir = resolve(positional[0] as string);
  if (!existsSync(resolve(dir, 'app.json'))) {
    console.error(`tessera dev: ${dir} has no app.json (create a project with "tessera create <dir>")`);
    return 1;
  }
  const port = typeof options.port === 'string' ? Number(options.port) : 3100;
  const host = typeof options.host === 'string' ? options.host : '127.0.0.1';
  console.error('starting the simulator (bundling the runtime, compiling the project)...');
  const server = await startDevServer({
    dir,
    port,
    host,
    onBuild: (result) => {
      const time = new Date().toLocaleTimeString();
      if (result.ok) console.error(`[${time}] compiled: package ${result.package.manifest.id.slice(0, 12)}`);
      else console.error(`[${time}] ${result.errors.length} problem(s):\n${result.errors.map((error) => error.format()).join('\n\n')}`);
    },
  });
  console.log(`simulator: ${server.url}`);
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
