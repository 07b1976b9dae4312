import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';

/**
 * Boots a server from environment variables, prints its URL, and shuts down cleanly on SIGINT or
 * SIGTERM. Returns the exit code for a failed boot.
 */
export async function runServer(env: Record<string, string | undefined> = process.env): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  const app = await createApp(config);
  const url = await app.listen();
  const storage = config.database.kind === 'sqlite' ? `SQLite at ${config.database.file}` : 'PostgreSQL';
  console.log(`Tessera is running at ${url} (${storage}${config.natsUrl ? `, NATS at ${config.natsUrl}` : ''})`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.http.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  return 0;
}
