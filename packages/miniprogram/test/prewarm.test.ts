import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, inLogic, launchBrowser, logs, openSimulator, startEscapeTarget, waitForLog, type EscapeTarget, type SimulatorSession } from './support/browser-harness';

let browser: Browser;
let target: EscapeTarget;

beforeAll(async () => {
  target = await startEscapeTarget();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await target?.close();
});

/** The hostile program launched once the simulator's sandbox is warm, so it takes the waiting logic frame. */
async function hostileAfterPrewarm(extra: string): Promise<SimulatorSession> {
  const port = target.port;
  return openSimulator(browser, `${FIXTURES}hostile`, `?prewarm=ready${extra}&page=pages/index/index&query=${encodeURIComponent(`port=${port}`)}`);
}

async function logicFrameSource(session: SimulatorSession): Promise<string> {
  return session.page.evaluate(() => document.querySelector('iframe[aria-hidden="true"]')?.getAttribute('srcdoc') ?? '');
}

async function hostileLogicResults(session: SimulatorSession): Promise<Record<string, string>> {
  await waitForLog(session.page, 'hostile logic: ');
  const line = (await logs(session.page)).find((entry) => entry.startsWith('hostile logic: ')) ?? '';
  return Object.fromEntries(line.slice('hostile logic: '.length).split(' ').map((pair) => pair.split('=') as [string, string]));
}

describe('a launch into a prewarmed sandbox', () => {
  for (const [name, extra, lateCode] of [['with late code', '', true], ['without late code', '&lateCode=0', false]] as const) {
    it(`runs the program in the waiting logic frame under the same sandbox (${name})`, async () => {
      const session = await hostileAfterPrewarm(extra);
      try {
        const source = await logicFrameSource(session);
        // The waiting frame's document carries no program code: the script arrived as a message.
        expect(source).toContain('tessera.logic.start');
        expect(source).not.toContain('hostile logic');
        expect(source).toContain("default-src 'none'");
        const startedAt = await session.page.evaluate(() => (window as unknown as { __simulator: { startedAt: number } }).__simulator.startedAt);
        const workerBorn = await inLogic<number>(session.page, 'performance.timeOrigin');
        if (lateCode) {
          expect(source).toContain("require-trusted-types-for 'script'");
          // The Worker ran the runtime before the launch; the program's code came as late code.
          expect(workerBorn).toBeLessThan(startedAt);
        } else {
          expect(source).not.toContain('unsafe-eval');
          expect(workerBorn).toBeGreaterThan(startedAt);
        }
        const results = await hostileLogicResults(session);
        expect(Object.keys(results)).toEqual(expect.arrayContaining(['document', 'parent', 'fetch', 'importScripts', 'eval', 'Function', 'dynamic-import', 'nested-worker', 'wx.request']));
        expect(Object.entries(results).filter(([, outcome]) => outcome !== 'blocked')).toEqual([]);
        expect(await inLogic(session.page, 'getCurrentPages().length')).toBe(1);
      } finally {
        await session.close();
      }
    });
  }

  it('is ready only once the waiting Worker has run the runtime, so a launch then does not wait for it', async () => {
    const session = await openSimulator(browser, `${FIXTURES}rows`, '?prewarm=ready');
    try {
      await waitForLog(session.page, 'rows.onReady');
      const startedAt = await session.page.evaluate(() => (window as unknown as { __simulator: { startedAt: number } }).__simulator.startedAt);
      const listening = await inLogic<number>(session.page, "performance.timeOrigin + performance.getEntriesByName('tessera:logic-listening')[0].startTime");
      expect(listening).toBeLessThan(startedAt);
    } finally {
      await session.close();
    }
  });

  it('let nothing reach the outside server', () => {
    expect(target.hits).toEqual([]);
  });

  it('makes another waiting logic frame for the next launch, which a hot reload takes', async () => {
    const session = await openSimulator(browser, `${FIXTURES}rows`, '?prewarm=ready');
    try {
      await waitForLog(session.page, 'rows.onReady');
      // The text frame, and a new waiting logic frame, loaded, once the first launch took the first.
      await session.page.waitForFunction(() => document.querySelectorAll('iframe[data-tessera-prewarm="loaded"]').length === 2);
      await session.server.rebuild();
      await session.page.waitForFunction(() => (window as unknown as { __simulator: { logs: Array<{ text: string }> } }).__simulator.logs.filter((entry) => entry.text === 'rows.onReady').length === 2);
      expect(await logicFrameSource(session)).toContain('tessera.logic.start');
    } finally {
      await session.close();
    }
  });
});
