import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIC_ERROR_MESSAGE, LOGIC_PORT_MESSAGE, logicFrameDocument } from '../src/runtime/host/frame-documents';
import { runtimeBundles } from '../src/runtime/runtime-bundles';
import { launchBrowser } from './support/browser-harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface FrameOutcome {
  messages: string[];
}

/** Loads a logic frame document in a sandboxed frame and collects what it posts to its parent. */
async function runLogicFrame(page: Page, srcdoc: string, until: string): Promise<FrameOutcome> {
  return page.evaluate(
    ({ srcdoc, until }) =>
      new Promise<FrameOutcome>((resolve) => {
        const messages: string[] = [];
        const frame = document.createElement('iframe');
        frame.setAttribute('sandbox', 'allow-scripts');
        addEventListener('message', (event) => {
          if (event.source !== frame.contentWindow) return;
          const data = event.data as { type?: string; text?: string };
          messages.push(`${data.type ?? ''}${data.text ? `: ${data.text}` : ''}`);
          if (data.type === until) resolve({ messages });
        });
        frame.srcdoc = srcdoc;
        document.body.appendChild(frame);
      }),
    { srcdoc, until },
  );
}

describe('the logic Worker checks that its sandbox refuses string eval', () => {
  it('refuses to run when the frame policy lets a plain string through eval', async () => {
    const { logic } = await runtimeBundles();
    // The main package travels in the Worker's script, as on a cold launch.
    const program = '__tessera.define("app.js", function () { console.log("program ran"); });';
    const document = logicFrameDocument('0123456789abcdef', `${logic}\n${program}`, [], false);
    // The same document with a broken policy: eval allowed, no Trusted Types.
    const broken = document.replace(/script-src 'nonce-([0-9a-f]+)'/, "script-src 'nonce-$1' 'unsafe-eval'");
    expect(broken).not.toBe(document);
    const page = await (await browser.newContext()).newPage();
    try {
      await page.setContent('<!doctype html><html><body></body></html>');
      const outcome = await runLogicFrame(page, broken, LOGIC_ERROR_MESSAGE);
      expect(outcome.messages).toContain(LOGIC_PORT_MESSAGE);
      expect(outcome.messages.find((message) => message.startsWith(LOGIC_ERROR_MESSAGE))).toContain('does not block eval');
    } finally {
      await page.context().close();
    }
  });
});
