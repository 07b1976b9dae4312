import { DEFAULT_STYLES } from '../view/default-styles';

/** A warm sandbox: resolves `ready` once its frame has loaded; `dispose` removes it. */
export interface SandboxPrewarm {
  readonly ready: Promise<void>;
  dispose(): void;
}

// Latin and CJK text in the built-ins' default styles, so the first page's fonts are loaded.
const SAMPLE = '<wx-view>Tessera 小程序 0123456789</wx-view><wx-text>加载中 Loading…</wx-text><wx-button>确定 OK</wx-button>';

/** The document of the warming frame: styles and text only; its CSP allows no script and no network. */
export function prewarmDocument(): string {
  const csp = "default-src 'none'; style-src 'unsafe-inline'";
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}"><style>${DEFAULT_STYLES}</style></head><body>${SAMPLE}</body></html>`;
}

/**
 * Warms what every mini program's start waits for before any of its own code runs: the browser
 * process that sandboxed frames of this page live in (Chromium gives opaque-origin frames a
 * process of their own, and starting one is the longest step of a cold start), and its fonts
 * and styles. An embedding calls this while the user is still choosing
 * an app (the simulator calls it as its page loads) and keeps the result while it may launch one:
 * every MiniProgramHost started meanwhile puts its logic and view frames into the warm process.
 * The frame is sandboxed like the runtime's own (`allow-scripts`, opaque origin, a CSP that
 * allows no script and no network), 1px, transparent and hidden from assistive technology.
 */
export function prewarmSandbox(document: Document): SandboxPrewarm {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  // Inert: neither focusable nor in the accessibility tree.
  frame.inert = true;
  frame.dataset.tesseraPrewarm = '';
  // Laid out but out of sight: a display:none, hidden or off-screen cross-origin frame is not
  // rendered at all, and its style, layout and fonts are part of what is warmed.
  frame.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;border:0;opacity:0;pointer-events:none;z-index:-1';
  const ready = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
  frame.srcdoc = prewarmDocument();
  document.body.appendChild(frame);
  return {
    ready,
    dispose: () => frame.remove(),
  };
}
