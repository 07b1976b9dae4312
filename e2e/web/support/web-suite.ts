import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { FundingProvider } from '../../../packages/server/src/modules/pay';
import { startTestServer, type TestServer } from '../../../packages/server/test/harness';
import { launchChromium } from './browser';
import { ensureWebBuilt } from './web-build';

export interface WebSuite {
  readonly server: TestServer;
  readonly browser: Browser;
}

/**
 * One real server (SQLite; with `fundingProvider` in place of the sandbox) and one Chromium for the
 * describe block that calls this, started before its tests and closed after them; the web app is
 * built first if its sources changed.
 */
export function useWebSuite(options: { fundingProvider?: FundingProvider } = {}): WebSuite {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    await ensureWebBuilt();
    [server, browser] = await Promise.all([startTestServer('sqlite', {}, options), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('the suite has not started');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the suite has not started');
      return browser;
    },
  };
}
