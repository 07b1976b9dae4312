import { DEFAULT_STYLES } from '../view/default-styles';
import { makeNonce, waitingLogicFrameDocument } from './frame-documents';

/** A warm sandbox for the next mini-program launches on this page. */
export interface SandboxPrewarm {
  /** Resolves once the warming frames have loaded. */
  readonly ready: Promise<void>;
  /**
   * Hands over the loaded logic frame waiting for its Worker's script, when it was made with the
   * same late-code policy the host uses; another is made for the next launch a moment later.
   */
  takeLogicFrame(lateCode: boolean): HTMLIFrameElement | undefined;
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
  frame.srcdoc = srcdoc;
  document.body.appendChild(frame);
  return { frame, loaded };
}

/**
 * Warms what every mini program's start waits for before any of its own code runs: the browser
 * process that sandboxed frames of this page live in (Chromium gives opaque-origin frames a
 * process of their own, and starting one is the longest step of a cold start), its fonts and
 * styles, and a logic frame already loaded that starts the Worker as soon as the host sends the
 * script. An embedding calls this while the user is still choosing an app (the simulator calls it
 * as its page loads), keeps the result while it may launch one and passes it to MiniProgramHost
 * as `prewarm`; any host started meanwhile also puts its frames into the warm process.
 * The frames are sandboxed like the runtime's own (`allow-scripts`, opaque origin): the text frame's
 * CSP allows no script and no network, the logic frame's is the logic frame's own.
 */
export function prewarmSandbox(document: Document, options: { lateCode?: boolean } = {}): SandboxPrewarm {
  const window = document.defaultView as (Window & { trustedTypes?: unknown }) | null;
  const lateCode = options.lateCode ?? typeof window?.trustedTypes === 'object';
  // Laid out but out of sight: a display:none, hidden or off-screen cross-origin frame is not
  // rendered at all, and its style, layout and fonts are part of what is warmed.
  const text = sandboxedFrame(document, prewarmDocument(), 'position:fixed;left:0;top:0;width:1px;height:1px;border:0;opacity:0;pointer-events:none;z-index:-1');
  let disposed = false;
  let replaceTimer: ReturnType<typeof setTimeout> | undefined;
  let waiting: { frame: HTMLIFrameElement; loaded: boolean } | undefined;
  const makeWaiting = (): Promise<void> => {
    const made = sandboxedFrame(document, waitingLogicFrameDocument(makeNonce(), lateCode), 'display:none');
    const entry = { frame: made.frame, loaded: false };
    waiting = entry;
    return made.loaded.then(() => {
      entry.loaded = true;
    });
  };
  const ready = Promise.all([text.loaded, makeWaiting()]).then(() => undefined);
  return {
    ready,
    takeLogicFrame(wanted) {
      if (disposed || wanted !== lateCode || !waiting?.loaded) return undefined;
      const { frame } = waiting;
      waiting = undefined;
      delete frame.dataset.tesseraPrewarm;
      replaceTimer = setTimeout(() => {
        if (!disposed) void makeWaiting();
      }, REPLACE_AFTER_MS);
      return frame;
    },
    dispose() {
      disposed = true;
      clearTimeout(replaceTimer);
      text.frame.remove();
      waiting?.frame.remove();
      waiting = undefined;
    },
  };
}
