import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeContacts, makeUser } from '../../packages/server/test/factories';
import { startTestServer, type TestServer } from '../../packages/server/test/harness';
import { AppDriver } from './support/app-driver';
import { launchChromium, screenshot, watchErrors } from './support/browser';
import { ensureWebBuilt } from './support/web-build';

describe('web app: installable and offline', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWebBuilt();
    [server, browser] = await Promise.all([startTestServer('sqlite'), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads under 250 KB of JavaScript, gzipped', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const scripts = [...html.matchAll(/src="(\/assets\/[^"]+\.js)"/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    let bytes = 0;
    for (const script of scripts) bytes += gzipSync(Buffer.from(await (await fetch(`${server.url}${script}`)).arrayBuffer())).length;
    expect(bytes / 1024).toBeLessThan(250);
  });

  it('has a manifest with icons, and opens from its service worker and cache with no network', async () => {
    const manifest = (await (await fetch(`${server.url}/manifest.webmanifest`)).json()) as { icons: { src: string; sizes: string }[]; start_url: string; display: string };
    expect(manifest.display).toBe('standalone');
    for (const icon of manifest.icons) {
      const response = await fetch(`${server.url}${icon.src}`);
      expect(response.headers.get('content-type')).toBe('image/png');
    }
    // Unknown app paths load the app; unknown API paths stay JSON errors.
    expect((await fetch(`${server.url}/chats/some-id`)).headers.get('content-type')).toMatch(/text\/html/);
    const apiMiss = await fetch(`${server.url}/api/v1/nothing-here`);
    expect(apiMiss.status).toBe(404);
    expect(((await apiMiss.json()) as { error: { code: string } }).error.code).toBe('not_found');

    const alice = await makeUser(server.url, { nickname: 'Alice' });
    const bob = await makeUser(server.url, { nickname: 'Bob' });
    await makeContacts(alice, bob);
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 780 }, locale: 'en-US' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/');
    const app = new AppDriver(page);
    await app.signIn(alice.handle);
    await app.chatRow('Bob').waitFor();
    // The worker takes control once installed; from then on it serves the shell.
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.reload();
    await page.waitForFunction('navigator.serviceWorker.controller !== null');
    await app.chatRow('Bob').waitFor();

    await context.setOffline(true);
    await page.reload();
    await app.chatRow('Bob').waitFor();
    await page.getByText('Not connected. Messages will be sent when you are back online.').waitFor();
    await screenshot(page, 'offline-start');
    await context.setOffline(false);
    await app.online();

    // Notifications: turned on in Settings; a message while the tab is hidden shows one.
    await context.grantPermissions(['notifications'], { origin: server.url });
    await app.tab('Me').click();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('switch', { name: 'New message notifications' }).check();
    await expect.poll(() => page.getByRole('switch', { name: 'New message notifications' }).isChecked()).toBe(true);
    // Headless Chromium never hides a tab; report it hidden the way a browser does when the user switches away.
    await page.evaluate(`Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));`);
    const conversationId = (await alice.api.ok<{ conversations: { id: string; peerId: string | null }[] }>('GET', '/api/v1/conversations')).conversations.find(
      (conversation) => conversation.peerId === bob.id,
    )!.id;
    await bob.api.ok('POST', `/api/v1/conversations/${conversationId}/messages`, {
      clientMsgId: 'notify-1',
      content: { kind: 'text', body: { text: 'Dinner at seven?' } },
    });
    await expect
      .poll(() => page.evaluate<string[]>(`navigator.serviceWorker.ready.then((registration) => registration.getNotifications()).then((list) => list.map((n) => n.title + ': ' + n.body))`))
      .toEqual(['Bob: Dinner at seven?']);
    await context.close();
    expect(errors.filter((error) => !/ERR_INTERNET_DISCONNECTED|WebSocket|Failed to fetch/.test(error))).toEqual([]);
  });
});
