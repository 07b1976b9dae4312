import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Locator, type Page } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';
export const artifactsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test-artifacts/web');

/**
 * Launches Debian's Chromium headless (never a downloaded browser). `extraArgs` add switches for
 * one test, such as a video file standing in for the camera.
 */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // A synthetic microphone for voice messages, granted without a prompt.
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      ...extraArgs,
    ],
  });
}

/** A person's browser: a fresh context (own storage) at phone or desktop size, in English by default. */
export async function openDevice(
  browser: Browser,
  baseUrl: string,
  options: { width?: number; height?: number; locale?: string; touch?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: options.width ?? 360, height: options.height ?? 740 },
    locale: options.locale ?? 'en-US',
    serviceWorkers: 'block',
    hasTouch: options.touch ?? false,
  });
  // Well under the test's own timeout, so a failure names the locator it was waiting for.
  context.setDefaultTimeout(10_000);
  await context.grantPermissions(['microphone', 'notifications'], { origin: baseUrl });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto('/');
  return { context, page, errors };
}

/** Collects console errors and uncaught exceptions, which a test asserts stay empty. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`) });
}

/**
 * Controls on the page a screen reader could not name: no aria-label, no text, no <label>, no
 * title. Runs in the page as source text (the tests compile without the DOM library).
 */
export function unlabeledControls(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`[...document.querySelectorAll('button, a[href], input:not([type=hidden]), select, textarea')]
    .filter((element) => !element.hidden && element.getAttribute('aria-hidden') !== 'true' && element.offsetParent !== null)
    .filter((element) => {
      const named = element.getAttribute('aria-label') || element.getAttribute('title') || (element.textContent || '').trim() || element.getAttribute('aria-labelledby');
      const labelled = element.labels && element.labels.length > 0;
      return !named && !labelled;
    })
    .map((element) => element.outerHTML.slice(0, 120))`);
}

/** Swipes a finger from the middle of an element `dx` pixels sideways, as a touch screen reports it. */
export async function swipe(page: Page, element: Locator, dx: number): Promise<void> {
  const box = await element.boundingBox();
  if (!box) throw new Error('nothing to swipe');
  const y = box.y + box.height / 2;
  const x = box.x + box.width * 0.8;
  const session = await page.context().newCDPSession(page);
  await session.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  for (let step = 1; step <= 8; step += 1) {
    await session.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x + (dx * step) / 8, y }] });
  }
  await session.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await session.detach();
}
