import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { FIXTURES, launchBrowser, logs, openSimulator, viewFrame, waitForLog, type SimulatorSession } from './support/browser-harness';

let browser: Browser;
let session: SimulatorSession;
let api: Server;
let sockets: WebSocketServer;
const requests: string[] = [];

beforeAll(async () => {
  // The mini program's own backend, allowlisted in the fixture's project.config.json.
  api = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    if (request.method === 'POST') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('latin1')));
      request.on('end', () => {
        response.writeHead(200, { 'access-control-allow-origin': '*' });
        response.end(`${request.headers['content-type']?.split(';')[0]} ${/name="note"\r\n\r\n([^\r]*)/.exec(body)?.[1]} ${/name="photo"; filename="([^"]+)"/.exec(body)?.[1]} ${body.includes('<svg') ? 'with-file' : 'no-file'}`);
      });
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    response.end(JSON.stringify({ ok: true }));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  // The same server echoes WebSocket messages for wx.connectSocket.
  sockets = new WebSocketServer({ server: api });
  sockets.on('connection', (socket) => socket.on('message', (data) => socket.send(`echo ${String(data)}`)));
  browser = await launchBrowser();
  const port = (api.address() as AddressInfo).port;
  session = await openSimulator(browser, `${FIXTURES}conformance`, `?page=pages/api/api&query=${encodeURIComponent(`port=${port}`)}`);
});
afterAll(async () => {
  await session?.close();
  await browser?.close();
  sockets?.close();
  await new Promise((resolve) => api?.close(resolve));
});

async function apiResults(count: number): Promise<string[]> {
  await session.page.waitForFunction((expected) => (window as unknown as { __simulator: { logs: Array<{ text: string }> } }).__simulator.logs.filter((entry) => entry.text.startsWith('api ')).length >= expected, count);
  return (await logs(session.page)).filter((line) => line.startsWith('api ')).sort();
}

describe('wx.* through the host bridge', () => {
  it('answers storage, system info, request, navigation and unknown APIs in callback and promise style', async () => {
    expect(await apiResults(9)).toEqual([
      'api blocked request:fail url not in domain list: evil.example.com',
      'api getStorage fail getStorage:fail data not found',
      'api nav navigateTo:fail page "pages/nope/nope" is not found',
      'api request 200 {"ok":true}',
      'api setStorage promise setStorage:ok',
      'api storage {"a":1} ["k"]',
      'api systemInfo true',
      'api unknown promise openBluetoothAdapter:fail not supported',
      'api unknown someUnknownApi:fail not supported',
    ]);
    expect(requests).toEqual(['GET /data.json?q=x']);
    expect(await logs(session.page)).toContain('canIUse true false');
  });

  it('runs wx.nextTick callbacks and persists storage in the host', async () => {
    await (await viewFrame(session.page)).locator('#status', { hasText: 'ticked' }).waitFor();
    await session.page.waitForFunction(() => localStorage.getItem('tessera:wxconformance:p') !== null);
    const stored = await session.page.evaluate(() => ({ k: localStorage.getItem('tessera:wxconformance:k'), p: localStorage.getItem('tessera:wxconformance:p') }));
    expect(stored).toEqual({ k: '{"a":1}', p: '2' });
  });

  it('returns a task from callback-style calls whose abort() fails the call', async () => {
    const port = (api.address() as AddressInfo).port;
    const outcome = await session.page.workers().at(-1)?.evaluate(
      (url) =>
        new Promise((resolve) => {
          const wx = (globalThis as unknown as { wx: { request(options: object): { abort(): void } } }).wx;
          const task = wx.request({ url, success: () => resolve('success'), fail: (error: { errMsg: string }) => resolve(error.errMsg) });
          task.abort();
        }),
      `http://127.0.0.1:${port}/aborted`,
    );
    expect(outcome).toBe('request:fail abort');
  });

  it('connects sockets to allowlisted hosts only and relays messages both ways', async () => {
    const port = (api.address() as AddressInfo).port;
    const worker = session.page.workers().at(-1);
    const echoed = await worker?.evaluate(
      (url) =>
        new Promise((resolve) => {
          type Task = { onOpen(listener: () => void): void; onMessage(listener: (result: { data: string }) => void): void; send(options: object): void; close(): void };
          const wx = (globalThis as unknown as { wx: { connectSocket(options: object): Task } }).wx;
          const task = wx.connectSocket({ url });
          task.onOpen(() => task.send({ data: 'ping' }));
          task.onMessage((result) => {
            task.close();
            resolve(result.data);
          });
        }),
      `ws://127.0.0.1:${port}/socket`,
    );
    expect(echoed).toBe('echo ping');
    const refused = await worker?.evaluate(
      () =>
        new Promise((resolve) => {
          const wx = (globalThis as unknown as { wx: { connectSocket(options: object): unknown } }).wx;
          wx.connectSocket({ url: 'wss://evil.example.com/socket', fail: (error: { errMsg: string }) => resolve(error.errMsg) });
        }),
    );
    expect(refused).toBe('connectSocket:fail url not in domain list: evil.example.com');
  });

  it('downloads files from allowlisted hosts as data URLs the view can show', async () => {
    const port = (api.address() as AddressInfo).port;
    const result = (await session.page.workers().at(-1)?.evaluate(
      (url) => (globalThis as unknown as { wx: { downloadFile(options: object): Promise<{ tempFilePath: string; statusCode: number }> } }).wx.downloadFile({ url }),
      `http://127.0.0.1:${port}/file.json`,
    )) as { tempFilePath: string; statusCode: number };
    expect(result.statusCode).toBe(200);
    expect(result.tempFilePath).toBe(`data:application/json;base64,${Buffer.from(JSON.stringify({ ok: true })).toString('base64')}`);
  });

  it('uploads a host-provided file as multipart form data', async () => {
    const port = (api.address() as AddressInfo).port;
    const file = `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64')}`;
    const result = (await session.page.workers().at(-1)?.evaluate(
      ([url, filePath]) => (globalThis as unknown as { wx: { uploadFile(options: object): Promise<{ data: string; statusCode: number }> } }).wx.uploadFile({ url, filePath, name: 'photo', formData: { note: 'hello' } }),
      [`http://127.0.0.1:${port}/upload`, file] as const,
    )) as { data: string; statusCode: number };
    expect(result).toMatchObject({ statusCode: 200, data: 'multipart/form-data hello upload.svg with-file' });
    const refused = await session.page.workers().at(-1)?.evaluate(
      (url) => (globalThis as unknown as { wx: { uploadFile(options: object): Promise<unknown> } }).wx.uploadFile({ url, filePath: 'http://127.0.0.1/etc/passwd', name: 'f' }).catch((error: { errMsg: string }) => error.errMsg),
      `http://127.0.0.1:${port}/upload`,
    );
    expect(refused).toBe('uploadFile:fail file not found');
  });

  it('draws showModal in the host and returns the choice', async () => {
    const worker = session.page.workers().at(-1);
    const answer = worker?.evaluate(() => (globalThis as unknown as { wx: { showModal(options: object): Promise<{ confirm: boolean }> } }).wx.showModal({ title: 'Delete?', content: 'Really' }));
    await session.page.locator('.tsr-modal button', { hasText: 'OK' }).click();
    expect(await answer).toMatchObject({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    await waitForLog(session.page, 'canIUse');
  });
});
