import type { ServerFrame, TimelineEvent } from '@tessera/protocol';
import WebSocket from 'ws';

export interface ApiError {
  status: number;
  body: { error: { code: string; message: string; details?: unknown } };
}

/** A REST client bound to one server and, optionally, one session token. */
export class Api {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  withToken(token: string): Api {
    return new Api(this.baseUrl, token);
  }

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const response = await fetch(this.baseUrl + path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** Calls and expects a 2xx; throws with the error body otherwise. */
  async ok<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
    const result = await this.call<T>(method, path, body);
    if (result.status >= 300) throw new Error(`${method} ${path} -> ${result.status} ${JSON.stringify(result.body)}`);
    return result.body;
  }
}

/** A WebSocket client speaking the Tessera protocol, recording every frame it receives. */
export class WsClient {
  readonly frames: ServerFrame[] = [];
  readonly events: TimelineEvent[] = [];
  private waiters: { test: (frame: ServerFrame) => boolean; resolve: (frame: ServerFrame) => void }[] = [];
  private nextId = 0;
  closeCode: number | undefined;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ServerFrame;
      this.frames.push(frame);
      if (frame.type === 'event') this.events.push(frame.event);
      if (frame.type === 'events') this.events.push(...frame.events);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.test(frame)) return true;
        waiter.resolve(frame);
        return false;
      });
    });
    socket.on('close', (code) => {
      this.closeCode = code;
    });
  }

  static async connect(baseUrl: string, token: string): Promise<WsClient> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`);
    const client = new WsClient(socket);
    const refused = new Promise<never>((_, reject) => {
      socket.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused with ${response.statusCode}`)));
      socket.once('error', reject);
    });
    await Promise.race([client.next((frame) => frame.type === 'ready'), refused]);
    return client;
  }

  /** Resolves with the first frame (already received or still to come) that passes the test. */
  next(test: (frame: ServerFrame) => boolean, timeoutMs = 10_000): Promise<ServerFrame> {
    const seen = this.frames.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a frame')), timeoutMs);
      this.waiters.push({
        test,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
      });
    });
  }

  /** Sends a request frame and resolves with the answer carrying its id. */
  async request(frame: Record<string, unknown>): Promise<ServerFrame> {
    const id = `r${++this.nextId}`;
    this.socket.send(JSON.stringify({ ...frame, id }));
    return this.next((answer) => 'id' in answer && answer.id === id && answer.type !== 'events');
  }

  sendRaw(data: string | Buffer): void {
    this.socket.send(data);
  }

  /** Waits until an event passes the test. */
  async event(test: (event: TimelineEvent) => boolean, timeoutMs = 10_000): Promise<TimelineEvent> {
    const seen = this.events.find(test);
    if (seen) return seen;
    const frame = await this.next(
      (candidate) =>
        (candidate.type === 'event' && test(candidate.event)) || (candidate.type === 'events' && candidate.events.some(test)),
      timeoutMs,
    );
    return frame.type === 'event' ? frame.event : (frame as Extract<ServerFrame, { type: 'events' }>).events.find(test)!;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.readyState === WebSocket.CLOSED) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}
