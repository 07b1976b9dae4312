/**
 * `tessera`: the command-line entry. Each command lives in its own file under commands/ and is
 * loaded only when it runs, so `tessera build` never pays for the server's start-up.
 */
type CommandModule = { run(args: string[]): Promise<number> };

const commands: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  start: { summary: 'start a Tessera server (settings from environment variables)', load: () => import('./commands/start') },
  create: { summary: 'create a mini program from the starter', load: () => import('./commands/create') },
  build: { summary: 'compile and validate a mini program', load: () => import('./commands/build') },
  dev: { summary: 'run a mini program in the simulator with hot reload', load: () => import('./commands/dev') },
  wallet: { summary: 'credit or debit a wallet as the operator; list the audit log', load: () => import('./commands/wallet') },
  ledger: { summary: 'check the payment ledger\'s books (ledger reconcile)', load: () => import('./commands/ledger') },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, command]) => `  tessera ${name.padEnd(10)} ${command.summary}`);
  return ['Usage: tessera <command> [options]', '', 'Commands:', ...lines].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    console.error(`tessera: unknown command "${name}"\n\n${usage()}`);
    return 1;
  }
  const module = await command.load();
  return module.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
