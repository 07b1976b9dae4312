import { DEFAULT_STYLES } from '../view/default-styles';
import { LOGIC_PORT_MESSAGE, LOGIC_START_MESSAGE, LOGIC_WARM_MESSAGE, makeNonce, waitingLogicFrameDocument } from './frame-documents';

/** A logic frame made ahead of a launch. */
export interface WaitingLogic {
  frame: HTMLIFrameElement;
  /**
   * The host's end of the Worker's channel when the Worker already runs the logic runtime, with
   * no package code yet (it then loads every package as late code); otherwise the frame starts
   * the Worker when the host posts it the whole script.
   */
  port?: MessagePort;
}

/** How to prewarm. */
export interface PrewarmOptions {
  /** The late-code policy hosts will use (default: whether this browser has Trusted Types). */
  lateCode?: boolean;
  /**
   * The logic runtime bundle hosts will run. With late code, the first waiting frame starts its
   * Worker on it right away, so the next launch does not wait for a Worker to start either.
   */
  logicRuntime?: string;
}

/** A warm sandbox for the next mini-program launches on this page. */
export interface SandboxPrewarm {
  /** Resolves once the warming frames have loaded and the waiting Worker (if it runs the runtime ahead) has run it. */
  readonly ready: Promise<void>;
  /**
   * Hands over the waiting logic frame, when it was made with the late-code policy and (if its
   * Worker runs already) the runtime the host uses; another is made a moment later.
   */
  takeLogicFrame(lateCode: boolean, logicRuntime: string): WaitingLogic | undefined;
  /** Removes the frames not handed over. */
  dispose(): void;
}

/** How long after a launch took the waiting logic frame the next one is made, off that launch's path. */
const REPLACE_AFTER_MS = 1000;

// Latin and CJK text in the built-ins' default styles, so the first page's fonts are loaded.
const SAMPLE = '<wx-view>Tessera 小程序 0123456789</wx-view><wx-text>加载中 Loading…</wx-text><wx-button>确定 OK</wx-button>';

/** The document of the warming frame: styles and text only; its CSP allows no script and no network. */
export function prewarmDocument(): string {
  const csp = "default-src 'none'; style-src 'unsafe-inline'";
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}"><style>${DEFAULT_STYLES}</style></head><body>${SAMPLE}</body></html>`;
}

function sandboxedFrame(document: Document, srcdoc: string, style: string): { frame: HTMLIFrameElement; loaded: Promise<void> } {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  // Inert: neither focusable nor in the accessibility tree.
  frame.inert = true;
  frame.dataset.tesseraPrewarm = '';
  frame.style.cssText = style;
  const loaded = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
  // Marked in the host document so an embedding (or a test) can see what is warm.
  void loaded.then(() => {
    if (frame.dataset.tesseraPrewarm !== undefined) frame.dataset.tesseraPrewarm = 'loaded';
  });
  frame.srcdoc = srcdoc;
  // Called early (from a page's first script), there may be no body yet.
  (document.body ?? document.documentElement).appendChild(frame);
  return { frame, loaded };
}

/**
 * Warms what every mini program's start waits for before any of its own code runs: the browser
 * process that sandboxed frames of this page live in (Chromium gives opaque-origin frames a
 * process of their own, and starting one is the longest step of a cold start), its fonts and
 * styles, and a loaded logic frame that starts the Worker as soon as the host sends the script,
 * or whose Worker already runs the runtime when `logicRuntime` is given (late code only: the
 * packages then arrive as data, hash-checked as subpackages are). An embedding calls this while
 * the user is still choosing an app, keeps the result while it may launch one and passes it to
 * MiniProgramHost as `prewarm`; any host started meanwhile also puts its frames in the warm
 * process. The frames are sandboxed like the runtime's own (`allow-scripts`, opaque origin): the
 * text frame's CSP allows no script and no network, the logic frame's is the logic frame's own.
 */
export function prewarmSandbox(document: Document, options: PrewarmOptions = {}): SandboxPrewarm {
  const window = document.defaultView as (Window & { trustedTypes?: unknown }) | null;
  const lateCode = options.lateCode ?? typeof window?.trustedTypes === 'object';
  const runtime = lateCode ? options.logicRuntime : undefined;
  // Laid out but out of sight: a display:none, hidden or off-screen cross-origin frame is not
  // rendered at all, and its style, layout and fonts are part of what is warmed.
  const text = sandboxedFrame(document, prewarmDocument(), 'position:fixed;left:0;top:0;width:1px;height:1px;border:0;opacity:0;pointer-events:none;z-index:-1');
  let disposed = false;
  let replaceTimer: ReturnType<typeof setTimeout> | undefined;
  let waiting: { logic: WaitingLogic; loaded: boolean; stop(): void } | undefined;
  const makeWaiting = (withRuntime: boolean): Promise<void> => {
    const made = sandboxedFrame(document, waitingLogicFrameDocument(makeNonce(), lateCode), 'display:none');
    const logic: WaitingLogic = { frame: made.frame };
    let onPort: ((event: MessageEvent) => void) | undefined;
    const entry = { logic, loaded: false, stop: () => onPort && window?.removeEventListener('message', onPort) };
    waiting = entry;
    // The frame hands over the Worker's port as soon as it has made the Worker, and says later when
    // the Worker has run its runtime. A launch may take the frame from the first (the Worker then
    // finishes starting on the launch's time); the sandbox is ready only from the second.
    let warm: () => void = () => {};
    const running = new Promise<void>((resolve) => {
      warm = resolve;
    });
    const started = made.loaded.then(() => {
      if (!withRuntime || runtime === undefined) return;
      return new Promise<void>((resolve) => {
        onPort = (event: MessageEvent) => {
          // Only the frame's own window speaks for its Worker.
          if (event.source !== made.frame.contentWindow) return;
          const type = (event.data as { type?: string } | null)?.type;
          const port = event.ports[0];
          if (type === LOGIC_PORT_MESSAGE && port && !logic.port) {
            logic.port = port;
            resolve();
          } else if (type === LOGIC_WARM_MESSAGE) {
            entry.stop();
            warm();
          }
        };
        window?.addEventListener('message', onPort);
        made.frame.contentWindow?.postMessage({ type: LOGIC_START_MESSAGE, script: runtime, lineMap: [], prewarmed: true }, '*');
      });
    });
    return started.then(() => {
      entry.loaded = true;
      if (logic.port) return running;
    });
  };
  const ready = Promise.all([text.loaded, makeWaiting(true)]).then(() => undefined);
  return {
    ready,
    takeLogicFrame(wanted, logicRuntime) {
      if (disposed || wanted !== lateCode || !waiting?.loaded) return undefined;
      const { logic } = waiting;
      if (logic.port && logicRuntime !== runtime) return undefined;
      waiting = undefined;
      delete logic.frame.dataset.tesseraPrewarm;
      replaceTimer = setTimeout(() => {
        // Only the first waiting frame runs a Worker: a spare Worker would sit idle between launches.
        if (!disposed) void makeWaiting(false);
      }, REPLACE_AFTER_MS);
      return logic;
    },
    dispose() {
      disposed = true;
      clearTimeout(replaceTimer);
      text.frame.remove();
      waiting?.stop();
      waiting?.logic.frame.remove();
      waiting = undefined;
    },
  };
}
