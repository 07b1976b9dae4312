import type { ClientFrame, ServerFrame } from '@tessera/protocol';

export type SocketStatus = 'connecting' | 'open' | 'offline';

/** An error frame answering a request, or the socket closing before an answer came. */
export class RequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface SocketHandlers {
  /** Every frame, including answers to requests. */
  onFrame(frame: ServerFrame): void;
  onStatus(status: SocketStatus): void;
  /** The server closed the socket because the session was revoked or is unknown. */
  onRevoked(): void;
}

type Answer = Extract<ServerFrame, { type: 'ack' | 'ok' | 'history' }>;
type RequestFrame = Extract<ClientFrame, { type: 'send' | 'read' | 'recall' | 'history' }>;

const sessionRevokedCode = 4001;
const maxBackoffMs = 15_000;

/**
 * The WebSocket half of the client protocol: one socket at `/ws`, reopened with backoff when it
 * drops and at once when the browser comes back online. Requests carry an id and resolve with the
 * frame that echoes it.
 */
export class SocketClient {
  private socket: WebSocket | null = null;
  private stopped = true;
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private nextId = 1;
  private readonly pending = new Map<string, { resolve: (frame: Answer) => void; reject: (error: Error) => void }>();
  status: SocketStatus = 'offline';

  constructor(
    private readonly token: string,
    private readonly handlers: SocketHandlers,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    window.addEventListener('online', this.handleOnline);
    window.addEventListener('offline', this.handleOffline);
    this.open();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.handleOnline);
    window.removeEventListener('offline', this.handleOffline);
    clearTimeout(this.retryTimer);
    this.socket?.close(1000, 'bye');
    this.socket = null;
    this.setStatus('offline');
  }

  /** A fresh request id. */
  newId(): string {
    return `r${this.nextId++}`;
  }

  /** Sends a frame if the socket is open; false if it is not. */
  send(frame: ClientFrame): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /** Sends a request and resolves with its answer; rejects on an error frame or a closed socket. */
  request(frame: RequestFrame): Promise<Answer> {
    return new Promise((resolve, reject) => {
      if (!this.send(frame)) {
        reject(new RequestError('network', 'Not connected'));
        return;
      }
      this.pending.set(frame.id, { resolve, reject });
    });
  }

  private readonly handleOnline = (): void => {
    if (this.stopped || this.socket) return;
    clearTimeout(this.retryTimer);
    this.attempts = 0;
    this.open();
  };

  private readonly handleOffline = (): void => {
    // The socket may linger half-open for a long time; treat the browser's word as final.
    this.socket?.close(4000, 'offline');
  };

  private open(): void {
    const url = new URL('/ws', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', this.token);
    this.setStatus('connecting');
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempts = 0;
    };
    socket.onmessage = (message: MessageEvent<string>) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(message.data) as ServerFrame;
      } catch {
        return;
      }
      if (frame.type === 'ready') this.setStatus('open');
      this.settle(frame);
      this.handlers.onFrame(frame);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.failPending();
      this.setStatus('offline');
      if (event.code === sessionRevokedCode) {
        this.handlers.onRevoked();
        return;
      }
      if (!this.stopped) this.scheduleRetry();
    };
  }

  private settle(frame: ServerFrame): void {
    if (frame.type !== 'ack' && frame.type !== 'ok' && frame.type !== 'history' && frame.type !== 'error') return;
    if (frame.id === undefined) return;
    const waiter = this.pending.get(frame.id);
    if (!waiter) return;
    this.pending.delete(frame.id);
    if (frame.type === 'error') waiter.reject(new RequestError(frame.code, frame.message));
    else waiter.resolve(frame);
  }

  private failPending(): void {
    for (const waiter of this.pending.values()) waiter.reject(new RequestError('network', 'Connection closed'));
    this.pending.clear();
  }

  private scheduleRetry(): void {
    if (!navigator.onLine) return; // the online event reopens it
    const delay = Math.min(maxBackoffMs, 500 * 2 ** this.attempts) * (0.75 + Math.random() * 0.5);
    this.attempts += 1;
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  private setStatus(status: SocketStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.handlers.onStatus(status);
  }
}
