import { MAX_CONCURRENT_REQUESTS, refuseUrl, type NetworkPolicy } from './network-policy';

/** What the relay reports about one socket, to be forwarded to the logic layer. */
export type SocketEvent =
  | { event: 'connecting' }
  | { event: 'refused'; errMsg: string }
  | { event: 'open'; header: Record<string, string> }
  | { event: 'message'; data: string | ArrayBuffer }
  | { event: 'error'; errMsg: string }
  | { event: 'close'; code: number; reason: string };

/**
 * wx.connectSocket on the host side: checks the URL against the allowlist (wss, or ws in the
 * simulator), caps concurrent sockets, and relays open/message/error/close events.
 */
export class SocketRelay {
  private readonly sockets = new Map<number, WebSocket>();

  constructor(private readonly policy: NetworkPolicy, private readonly emit: (id: number, event: SocketEvent) => void) {}

  open(id: number, url: string, protocols: string[]): void {
    const refused = refuseUrl(url, this.policy, 'socket');
    if (refused) return this.emit(id, { event: 'refused', errMsg: `connectSocket:fail ${refused}` });
    if (this.sockets.size >= MAX_CONCURRENT_REQUESTS) return this.emit(id, { event: 'refused', errMsg: 'connectSocket:fail exceed max socket connections (10)' });
    let socket: WebSocket;
    try {
      socket = new WebSocket(url, protocols.length ? protocols : undefined);
    } catch (error) {
      return this.emit(id, { event: 'refused', errMsg: `connectSocket:fail ${(error as Error).message}` });
    }
    socket.binaryType = 'arraybuffer';
    this.sockets.set(id, socket);
    this.emit(id, { event: 'connecting' });
    socket.onopen = () => this.emit(id, { event: 'open', header: {} });
    socket.onmessage = (message) => this.emit(id, { event: 'message', data: message.data as string | ArrayBuffer });
    socket.onerror = () => this.emit(id, { event: 'error', errMsg: 'connectSocket:fail connection error' });
    socket.onclose = (close) => {
      this.sockets.delete(id);
      this.emit(id, { event: 'close', code: close.code, reason: close.reason });
    };
  }

  send(id: number, data: string | ArrayBuffer): boolean {
    const socket = this.sockets.get(id);
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(data);
    return true;
  }

  close(id: number, code?: number, reason?: string): void {
    this.sockets.get(id)?.close(code ?? 1000, reason);
  }

  closeAll(): void {
    for (const socket of this.sockets.values()) socket.close();
    this.sockets.clear();
  }
}
