/**
 * Entry of the logic Worker. The worker script is this runtime followed by the package's
 * logic.js, which registers modules through `__tessera.define`. The first message carries
 * the MessagePort to the host; everything after travels over that port.
 */
import type { HostToLogic, LogicToHost } from '../shared/runtime-messages';
import { LogicRuntime } from './logic-runtime';
import { createCodeEvaluator, createTextDigest } from './package-loader';
import { forwardConsole, type LineMap } from './worker-console';

interface WorkerScope {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
}

const scope = globalThis as unknown as WorkerScope & Record<string, unknown>;
let port: MessagePort | undefined;
const outbox: LogicToHost[] = [];
const send = (message: LogicToHost): void => {
  if (port) port.postMessage(message);
  else outbox.push(message);
};
// Captured first, while every global and prototype is still the runtime's own.
const evaluate = createCodeEvaluator(scope);
const digest = createTextDigest(scope);
const globalEval = scope.eval as (code: string) => unknown;
/**
 * The frame's CSP must refuse eval of plain strings (subpackage bundles go through the trusted
 * policy above). If it does not, the sandbox is not in place: stop before any package code runs.
 * Called from the first message, before the host's port is connected (package code runs only
 * once the host boots the program over that port), rather than from the top of this script: the
 * refused eval makes the browser report a violation with its source position, and positions
 * for this small handler are cheap where those for the whole Worker script cost milliseconds.
 */
function refuseIfStringEvalRuns(): void {
  let stringEvalRuns = false;
  try {
    stringEvalRuns = globalEval('true') === true;
  } catch {
    stringEvalRuns = false;
  }
  if (stringEvalRuns) throw new Error('logic worker: the sandbox policy does not block eval; refusing to run the mini program');
}
const runtime = new LogicRuntime(send, { evaluate, digest });
forwardConsole(send, () => runtime.lineMap);
scope.__tessera = { define: runtime.registry.define.bind(runtime.registry) };

// The network lives with the host: the worker's CSP already refuses connections, and removing
// the constructors makes the failure immediate and obvious to a developer. WebAssembly goes
// too: the CSP that lets subpackage bundles in as trusted scripts would otherwise let a program
// compile code it downloaded.
for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'Worker', 'SharedWorker', 'indexedDB', 'caches', 'WebTransport', 'BroadcastChannel', 'WebAssembly']) {
  try {
    Object.defineProperty(globalThis, name, { value: undefined, configurable: false, writable: false });
  } catch {
    // Some engines refuse to redefine a few of these; CSP still blocks them.
  }
}

scope.onmessage = (event: MessageEvent) => {
  const data = event.data as { port?: MessagePort; lineMap?: LineMap; prewarmed?: boolean };
  if (!data.port) return;
  refuseIfStringEvalRuns();
  // Started ahead of a launch, this Worker will hash the program's packages on the launch's
  // critical path: hashing once now gets that code compiled and optimised while it is idle.
  if (data.prewarmed === true) void digest('\u0000'.repeat(1 << 15));
  runtime.lineMap = data.lineMap ?? [];
  port = data.port;
  port.onmessage = (next: MessageEvent) => runtime.receive(next.data as HostToLogic);
  for (const message of outbox.splice(0)) port.postMessage(message);
  scope.onmessage = null;
  // Shown in the browser's performance tools, and read by tests of the prewarmed start.
  performance.mark('tessera:logic-listening');
  // Started ahead of a launch: the frame tells the host that this Worker now runs and listens.
  if (data.prewarmed === true) scope.postMessage('warm');
};
