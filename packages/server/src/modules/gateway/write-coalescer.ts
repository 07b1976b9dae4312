import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** Something with frames waiting to be written. */
export interface Flushable {
  flush(): void;
}

/**
 * Writes queued frames once per turn of the event loop. A batch of sends produces an ack and
 * events for many sockets at once; writing each socket's frames together turns several system
 * calls per socket into one.
 */
export class WriteCoalescer {
  private readonly waiting = new Set<Flushable>();
  private scheduled = false;

  queue(target: Flushable): void {
    this.waiting.add(target);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flushAll());
  }

  private flushAll(): void {
    this.scheduled = false;
    const targets = [...this.waiting];
    this.waiting.clear();
    for (const target of targets) target.flush();
  }
}

/**
 * Sends frames on a WebSocket in one write: the TCP socket is corked while ws frames them (ws
 * corks per frame too; corks nest, so the data leaves at the outer uncork). `_socket` is ws's
 * underlying socket, which it does not expose publicly.
 */
export function sendAll(socket: WebSocket, frames: string[]): void {
  const raw = (socket as unknown as { _socket?: Socket })._socket;
  raw?.cork();
  for (const frame of frames) socket.send(frame);
  raw?.uncork();
}
