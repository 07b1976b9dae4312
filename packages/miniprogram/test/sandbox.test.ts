import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, launchBrowser, logs, openSimulator, startEscapeTarget, viewFrame, waitForLog, type EscapeTarget, type SimulatorSession } from './support/browser-harness';

let browser: Browser;
let session: SimulatorSession;
let target: EscapeTarget;

beforeAll(async () => {
  target = await startEscapeTarget();
  browser = await launchBrowser();
  const port = target.port;
  session = await openSimulator(browser, `${FIXTURES}hostile`, `?page=pages/index/index&query=${encodeURIComponent(`port=${port}`)}`);
  await session.page.evaluate(() => {
    document.cookie = 'host_session=secret';
    localStorage.setItem('host_token', 'secret');
  });
});
afterAll(async () => {
  await session?.close();
  await browser?.close();
  await target?.close();
});

const EVERY_ATTEMPT_BLOCKED = {
  document: 'blocked', parent: 'blocked', top: 'blocked', localStorage: 'blocked', fetch: 'blocked', 'fetch-prototype': 'blocked', xhr: 'blocked',
  websocket: 'blocked', importScripts: 'blocked', 'importScripts-prototype': 'blocked', eval: 'blocked', Function: 'blocked',
  // The CSP that lets subpackage bundles in as trusted scripts still refuses every other way to run a string.
  'function-constructor-chain': 'blocked', 'async-function-constructor': 'blocked', 'setTimeout-string': 'blocked', 'trusted-types-policy': 'blocked',
  'trusted-types-default': 'blocked', 'dynamic-import': 'blocked', WebAssembly: 'blocked', 'nested-worker': 'blocked',
  'wx.request': 'blocked', 'wx.request-https': 'blocked',
};

/** What the hostile page's logic attempts came to, by attempt. */
async function hostileLogicResults(run: SimulatorSession): Promise<Record<string, string>> {
  await waitForLog(run.page, 'hostile logic: ');
  const line = (await logs(run.page)).find((entry) => entry.startsWith('hostile logic: ')) ?? '';
  return Object.fromEntries(line.slice('hostile logic: '.length).split(' ').map((pair) => pair.split('=') as [string, string]));
}

describe('sandbox', () => {
  it('denies the logic Worker the DOM, the host, the network, imports and eval', async () => {
    // This Chromium has Trusted Types, so the Worker runs with the policy that admits late subpackage code.
    expect(await session.page.evaluate(() => document.querySelector('iframe[aria-hidden="true"]')?.getAttribute('srcdoc') ?? '')).toContain("require-trusted-types-for 'script'");
    expect(await hostileLogicResults(session)).toEqual(EVERY_ATTEMPT_BLOCKED);
  });

  it('denies the same without late code (as in a browser without Trusted Types)', async () => {
    const port = target.port;
    const plain = await openSimulator(browser, `${FIXTURES}hostile`, `?lateCode=0&page=pages/index/index&query=${encodeURIComponent(`port=${port}`)}`);
    try {
      expect(await plain.page.evaluate(() => document.querySelector('iframe[aria-hidden="true"]')?.getAttribute('srcdoc') ?? '')).not.toContain('unsafe-eval');
      expect(await hostileLogicResults(plain)).toEqual(EVERY_ATTEMPT_BLOCKED);
    } finally {
      await plain.close();
    }
  });

  it('denies view code (wxs) the host page, cookies, storage, network and eval', async () => {
    const frame = await viewFrame(session.page);
    const reports = ['data-fetch', 'data-script', 'data-websocket'];
    await frame.waitForFunction((names) => names.every((name) => document.documentElement.getAttribute(name)), reports);
    const text = await frame.locator('#view-results').innerText();
    const results = Object.fromEntries(text.split(' ').map((pair) => pair.split('=') as [string, string]));
    expect(results).toEqual({
      'parent-document': 'blocked', 'top-location': 'blocked', cookie: 'blocked', localStorage: 'blocked', sessionStorage: 'blocked', indexedDB: 'blocked',
      eval: 'blocked', Function: 'blocked', xhr: 'blocked', 'window-open': 'blocked', 'top-navigation': 'blocked',
    });
    expect(await frame.evaluate((names) => names.map((name) => document.documentElement.getAttribute(name)), reports)).toEqual(['blocked', 'blocked', 'blocked']);
  });

  it('let nothing reach the outside server', () => {
    expect(target.hits).toEqual([]);
  });

  it('runs the frames sandboxed with an opaque origin', async () => {
    const sandboxes = await session.page.evaluate(() => Array.from(document.querySelectorAll('iframe')).map((frame) => frame.getAttribute('sandbox')));
    expect(sandboxes.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sandboxes)).toEqual(new Set(['allow-scripts']));
    expect(await (await viewFrame(session.page)).evaluate(() => origin)).toBe('null');
  });
});
