import { createApp, loadConfig, type App } from '../src/index';
import type { FundingProvider } from '../src/modules/pay';
import type { Clock } from '../src/platform/clock';
import { createTestDatabase, type Engine, type TestDatabase } from './databases';

export interface TestServer {
  app: App;
  url: string;
  database: TestDatabase;
  close(): Promise<void>;
}

/** A real server on a random loopback port over a fresh database. */
export async function startTestServer(
  engine: Engine,
  settings: Record<string, string> = {},
  options: { clock?: Clock; fundingProvider?: FundingProvider } = {},
): Promise<TestServer> {
  const database = await createTestDatabase(engine);
  const config = loadConfig({
    TESSERA_HOST: '127.0.0.1',
    TESSERA_PORT: '0',
    TESSERA_DATA_DIR: database.dataDir,
    TESSERA_DATABASE_URL: database.url,
    TESSERA_LOG_LEVEL: 'silent',
    // Suites register many users from one address; tests of the limit itself lower it again.
    TESSERA_LOGIN_RATE_PER_MINUTE: '100000',
    ...settings,
  });
  // Cheap password hashes keep suites fast; production uses N = 2^17.
  const app = await createApp(config, {
    scryptCost: 10,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.fundingProvider ? { fundingProvider: options.fundingProvider } : {}),
  });
  const url = await app.listen();
  return {
    app,
    url,
    database,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
