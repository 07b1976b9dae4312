import { runServer } from '@tessera/server';

/** `tessera start`: runs a server configured by TESSERA_* environment variables (see docs/operations.md). */
export async function run(args: string[]): Promise<number> {
  if (args.includes('--help')) {
    console.log('Usage: tessera start\n\nSettings come from TESSERA_* environment variables; see docs/operations.md.');
    return 0;
  }
  return runServer();
}
