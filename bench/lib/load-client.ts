import { performance } from 'node:perf_hooks';
import type { ServerFrame, TimelineEvent } from '@tessera/protocol';
import WebSocket from 'ws';

type Ack = Extract<ServerFrame, { type: 'ack' }>;
type ErrorFrame = Extract<ServerFrame, { type: 'error' }>;

/** What a benchmark wants to hear from a connection; every callback gets the receive time. */
export interface LoadHandlers {
  onEvent(client: LoadClient, event: TimelineEvent, now: number): void;
  onAck(client: LoadClient, ack: Ack, now: number): void;
  onError(client: LoadClient, error: ErrorFrame): void;
  onPong?(client: LoadClient, id: string | undefined, now: number): void;
}

/**
 * A lean protocol client for load generation: one socket, frames built as strings, no frame
 * history kept. Events arriving in a sync (`events`) or live (`event`) go to the same handler.
 */
export class LoadClient {
  private socket!: WebSocket;
  private readyWaiter: { resolve: () => void; reject: (error: Error) => void } | undefined;
  private syncWaiter: ((cursor: number) => void) | undefined;
  private syncCount = 0;
  /** Sends awaiting an ack (maintained by the benchmark). */
  inFlight = 0;

  constructor(
    readonly userId: string,
    private readonly token: string,
    private readonly handlers: LoadHandlers,
  ) {}

  /** Opens the socket and resolves on the server's `ready` frame. */
  connect(baseUrl: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.readyWaiter = { resolve, reject };
      this.socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(this.token)}`, {
        perMessageDeflate: false,
      });
      this.socket.on('message', (data) => this.receive(data as Buffer));
      this.socket.on('error', (error) => this.readyWaiter?.reject(error));
      this.socket.on('close', (code) => {
        this.readyWaiter?.reject(new Error(`socket closed (${code}) before ready`));
        if (code !== 1000 && code !== 1005) console.error(`socket of ${this.userId} closed with code ${code}`);
      });
    });
  }

  /** Sends `sync` from `cursor`; resolves with the cursor in `synced` (all events already handled). */
  sync(cursor: number): Promise<number> {
    return new Promise((resolve) => {
      this.syncWaiter = resolve;
      this.socket.send(`{"type":"sync","id":"s${++this.syncCount}","cursor":${cursor}}`);
    });
  }

  /**
   * Sends a text message; the request id is the clientMsgId. `conversationJson` and `clientMsgId`
   * must already be JSON-safe (ids are).
   */
  send(conversationJson: string, clientMsgId: string, text: string): void {
    this.socket.send(
      `{"type":"send","id":"${clientMsgId}","conversationId":${conversationJson},"clientMsgId":"${clientMsgId}","content":{"kind":"text","body":{"text":"${text}"}}}`,
    );
  }

  ping(id: string): void {
    this.socket.send(`{"type":"ping","id":"${id}"}`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.readyState === WebSocket.CLOSED) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.close(1000);
    });
  }

  private receive(data: Buffer): void {
    const now = performance.now();
    const frame = JSON.parse(data.toString()) as ServerFrame;
    switch (frame.type) {
      case 'event':
        this.handlers.onEvent(this, frame.event, now);
        return;
      case 'ack':
        this.handlers.onAck(this, frame, now);
        return;
      case 'events':
        for (const event of frame.events) this.handlers.onEvent(this, event, now);
        return;
      case 'synced': {
        const waiter = this.syncWaiter;
        this.syncWaiter = undefined;
        waiter?.(frame.cursor);
        return;
      }
      case 'ready': {
        const waiter = this.readyWaiter;
        this.readyWaiter = undefined;
        waiter?.resolve();
        return;
      }
      case 'error':
        this.handlers.onError(this, frame);
        return;
      case 'pong':
        this.handlers.onPong?.(this, frame.id, now);
        return;
      default:
        return;
    }
  }
}
