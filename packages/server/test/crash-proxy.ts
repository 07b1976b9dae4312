import http from 'node:http';
import type net from 'node:net';

/**
 * An HTTP proxy in front of a server that is about to crash. It relays the first `deliver`
 * responses; the next `lose` responses it receives in full and then drops, closing the client's
 * connection instead, as a crash between commit and acknowledgement would; on the last of those it
 * calls `crash` (which kills the server). Whatever comes after is dropped too. So a test gets,
 * without sleeping, requests that were acknowledged, requests that committed but were never
 * acknowledged, and requests still inside the server when it died.
 */
export interface CrashProxy {
  readonly url: string;
  /** Responses relayed to clients so far, and responses dropped. */
  counts(): { delivered: number; lost: number };
  close(): Promise<void>;
}

export interface CrashProxyOptions {
  deliver: number;
  lose: number;
  crash(): void;
}

export async function startCrashProxy(upstreamUrl: string, options: CrashProxyOptions): Promise<CrashProxy> {
  const upstream = new URL(upstreamUrl);
  const agent = new http.Agent({ keepAlive: true });
  const sockets = new Set<net.Socket>();
  let delivered = 0;
  let lost = 0;
  const proxy = http.createServer((request, response) => {
    const drop = () => request.socket.destroy();
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: request.headers, agent },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.once('error', drop);
        answer.once('end', () => {
          if (delivered < options.deliver) {
            delivered += 1;
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            response.end(Buffer.concat(chunks));
            return;
          }
          drop();
          lost += 1;
          if (lost === options.lose) options.crash();
        });
      },
    );
    // The server died under the request: the client sees its connection close, as it would.
    forward.once('error', drop);
    request.pipe(forward);
  });
  proxy.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => ({ delivered, lost }),
    async close() {
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
