import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Bus, BusMessage } from '../../platform/bus';
import { presentError } from '../../platform/errors';
import { closeCodes, Connection, type GatewayDeps, type GatewayStats } from './gateway.connection';
import { WriteCoalescer } from './write-coalescer';

export interface GatewayOptions extends Omit<GatewayDeps, 'coalescer' | 'stats'> {
  bus: Bus;
  authenticate: (token: string | undefined) => Promise<{ userId: string; sessionId: string }>;
  heartbeatMs: number;
}

// Frames over the protocol limit get an error frame; ws itself drops only truly huge ones.
const hardFrameLimit = 1024 * 1024;

function tokenOf(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const url = new URL(request.url ?? '/', 'http://localhost');
  return url.searchParams.get('token') ?? undefined;
}

function reject(socket: Duplex, status: number, code: string): void {
  const body = JSON.stringify({ error: { code, message: code } });
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * The WebSocket gateway at `/ws`: authenticates the upgrade, keeps each user's sockets, routes
 * bus messages to them and checks liveness with protocol-level pings.
 */
export class Gateway {
  private readonly server = new WebSocketServer({
    noServer: true,
    maxPayload: hardFrameLimit,
    perMessageDeflate: false,
    clientTracking: false,
    // A client that cannot take the closing frame (a slow consumer's buffers are full) is cut off
    // after this. ws 8.18 takes the option; its type definitions do not list it yet.
    ...{ closeTimeout: 5000 },
  });
  private readonly users = new Map<string, { connections: Set<Connection>; unsubscribe: () => void }>();
  private readonly heartbeat: NodeJS.Timeout;

  private readonly deps: GatewayDeps;
  readonly stats: GatewayStats = { slowConsumersDropped: 0 };

  constructor(private readonly options: GatewayOptions) {
    this.deps = { ...options, coalescer: new WriteCoalescer(), stats: this.stats };
    this.heartbeat = setInterval(() => this.checkLiveness(), options.heartbeatMs);
    this.heartbeat.unref();
  }

  attach(http: Server): void {
    http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (new URL(request.url ?? '/', 'http://localhost').pathname !== '/ws') {
        reject(socket, 404, 'not_found');
        return;
      }
      this.options.authenticate(tokenOf(request)).then(
        (auth) => this.server.handleUpgrade(request, socket, head, (ws) => this.open(ws, auth.userId, auth.sessionId)),
        (error: unknown) => {
          const presented = presentError(error);
          reject(socket, presented.status, presented.code);
        },
      );
    });
  }

  get connectionCount(): number {
    let count = 0;
    for (const user of this.users.values()) count += user.connections.size;
    return count;
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const user of this.users.values()) {
      for (const connection of user.connections) connection.socket.close(closeCodes.shuttingDown, 'shutting_down');
    }
  }

  private open(ws: WebSocket, userId: string, sessionId: string): void {
    let user = this.users.get(userId);
    if (!user) {
      const connections = new Set<Connection>();
      const unsubscribe = this.options.bus.subscribe(userId, (message) => this.route(connections, message));
      user = { connections, unsubscribe };
      this.users.set(userId, user);
    }
    // Asked per socket: the user's subscription may still be on its way from an earlier one.
    const connection = new Connection(ws, userId, sessionId, this.deps, this.options.bus.whenSubscribed());
    user.connections.add(connection);
    ws.on('pong', () => {
      connection.alive = true;
    });
    ws.on('message', (data, isBinary) => void connection.handle(data as Buffer, isBinary));
    ws.on('error', () => ws.terminate());
    ws.on('close', () => this.forget(connection));
    connection.send({ type: 'ready', userId, sessionId, heartbeatMs: this.options.heartbeatMs });
  }

  private route(connections: Set<Connection>, message: BusMessage): void {
    for (const connection of connections) {
      if (message.type === 'event') connection.deliver(message.event);
      else if (message.type === 'typing') connection.send(message);
      else if (message.type === 'resync') void connection.catchUp();
      else if (message.sessionId === connection.sessionId) connection.socket.close(closeCodes.sessionRevoked, 'session_revoked');
    }
  }

  private forget(connection: Connection): void {
    const user = this.users.get(connection.userId);
    if (!user) return;
    user.connections.delete(connection);
    if (user.connections.size === 0) {
      user.unsubscribe();
      this.users.delete(connection.userId);
    }
  }

  private checkLiveness(): void {
    for (const user of this.users.values()) {
      for (const connection of user.connections) {
        if (!connection.alive) {
          connection.socket.terminate();
          continue;
        }
        connection.alive = false;
        connection.socket.ping();
      }
    }
  }
}
