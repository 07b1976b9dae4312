/**
 * Entry of the logic Worker. The worker script is this runtime followed by the package's
 * logic.js, which registers modules through `__tessera.define`. The first message carries
 * the MessagePort to the host; everything after travels over that port.
 */
import type { HostToLogic, LogicToHost } from '../shared/runtime-messages';
import { LogicRuntime } from './logic-runtime';
import { forwardConsole, type LineMap } from './worker-console';

interface WorkerScope {
  onmessage: ((event: MessageEvent) => void) | null;
}

const scope = globalThis as unknown as WorkerScope & Record<string, unknown>;
let port: MessagePort | undefined;
const outbox: LogicToHost[] = [];
const send = (message: LogicToHost): void => {
  if (port) port.postMessage(message);
  else outbox.push(message);
};
const runtime = new LogicRuntime(send);
forwardConsole(send, () => runtime.lineMap);
scope.__tessera = { define: runtime.registry.define.bind(runtime.registry) };

// The network lives with the host: the worker's CSP already refuses connections, and removing
// the constructors makes the failure immediate and obvious to a developer.
for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'Worker', 'SharedWorker', 'indexedDB', 'caches', 'WebTransport', 'BroadcastChannel']) {
  try {
    Object.defineProperty(globalThis, name, { value: undefined, configurable: false, writable: false });
  } catch {
    // Some engines refuse to redefine a few of these; CSP still blocks them.
  }
}

scope.onmessage = (event: MessageEvent) => {
  const data = event.data as { port?: MessagePort; lineMap?: LineMap };
  if (!data.port) return;
  runtime.lineMap = data.lineMap ?? [];
  port = data.port;
  port.onmessage = (next: MessageEvent) => runtime.receive(next.data as HostToLogic);
  for (const message of outbox.splice(0)) port.postMessage(message);
  scope.onmessage = null;
};
