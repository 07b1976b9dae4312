import { DEFAULT_STYLES } from '../view/default-styles';
import { LOGIC_POLICY_NAME } from '../shared/trusted-code';
import type { PullDownStyle } from '../shared/page-window';

/** Makes script text safe to place inside a `<script>` element. */
function inlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

function inlineStyle(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}

/** A fresh nonce for one frame document. */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** What the logic frame posts to the host, with the host's end of the Worker's port. */
export const LOGIC_PORT_MESSAGE = 'tessera.logic.port';
/** What the logic frame posts to the host when the Worker fails to start or throws uncaught. */
export const LOGIC_ERROR_MESSAGE = 'tessera.logic.error';
/**
 * What the logic frame posts to the host when a Worker started ahead of a launch has run its
 * runtime and listens (the Worker tells its frame; the port to the host stays untouched).
 */
export const LOGIC_WARM_MESSAGE = 'tessera.logic.warm';

/** What the host posts to a waiting logic frame (see `waitingLogicFrameDocument`): the Worker's script. */
export const LOGIC_START_MESSAGE = 'tessera.logic.start';

/** The logic frame's CSP, shared by the frame that starts at once and the one that waits. */
function logicFramePolicy(nonce: string, lateCode: boolean): string {
  // With late code (subpackages arriving as data), eval is allowed only for Trusted Types
  // scripts, and only one policy of the runtime's name may exist in each realm: the Worker's
  // runtime makes it before any package code runs, so the program can neither make its own nor
  // eval a string. Plain strings given to eval, Function or setTimeout still fail.
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'${lateCode ? " 'unsafe-eval'" : ''}`,
    'worker-src blob:',
    ...(lateCode ? ["require-trusted-types-for 'script'", `trusted-types ${LOGIC_POLICY_NAME}`] : []),
  ].join('; ');
}

/** A function `start(script, lineMap)` that starts the Worker and hands the host its port. */
function logicStarter(lateCode: boolean): string {
  const workerUrl = "URL.createObjectURL(new Blob([script], { type: 'text/javascript' }))";
  // Under require-trusted-types-for, the Worker's URL must come from a policy too.
  const scriptUrl = lateCode ? `trustedTypes.createPolicy(${JSON.stringify(LOGIC_POLICY_NAME)}, { createScriptURL: function (url) { return url; } }).createScriptURL(${workerUrl})` : workerUrl;
  return `
function start(script, lineMap, prewarmed) {
  var worker = new Worker(${scriptUrl});
  var channel = new MessageChannel();
  worker.onerror = function (error) { parent.postMessage({ type: ${JSON.stringify(LOGIC_ERROR_MESSAGE)}, text: 'logic worker: ' + (error.message || 'failed to start') }, '*'); };
  worker.onmessage = function (event) { if (event.data === 'warm') parent.postMessage({ type: ${JSON.stringify(LOGIC_WARM_MESSAGE)} }, '*'); };
  worker.postMessage({ port: channel.port2, lineMap: lineMap, prewarmed: prewarmed === true }, [channel.port2]);
  parent.postMessage({ type: ${JSON.stringify(LOGIC_PORT_MESSAGE)} }, '*', [channel.port1]);
}`;
}

function logicDocument(nonce: string, lateCode: boolean, boot: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${logicFramePolicy(nonce, lateCode)}"><script nonce="${nonce}">${inlineScript(boot)}</script></head><body></body></html>`;
}

/**
 * The document of the hidden logic frame. Its only job is to start the logic Worker from a
 * blob: URL, so the Worker inherits this frame's opaque origin and its CSP (no network, no
 * eval), and to connect the Worker to the host. The Worker's script travels inside the
 * document so the Worker starts while the frame is still loading, and the frame makes the
 * channel itself: the Worker gets its end with its first message and the host gets the other
 * as soon as this script runs, instead of a round trip after the frame's load event.
 */
export function logicFrameDocument(nonce: string, workerScript: string, lineMap: Array<[number, string]>, lateCode = false): string {
  return logicDocument(nonce, lateCode, `(function () {${logicStarter(lateCode)}
  start(${JSON.stringify(workerScript)}, ${JSON.stringify(lineMap)});
})();`);
}

/**
 * A logic frame made ahead of time (see `prewarmSandbox`): the same document and CSP, but it
 * starts the Worker only when its parent posts `{ type: LOGIC_START_MESSAGE, script, lineMap,
 * prewarmed }` (prewarmed: the Worker starts ahead of a launch, on the runtime alone), once. A launch then skips creating and loading a frame. Messages from any other window (a view
 * frame can reach its siblings) are ignored.
 */
export function waitingLogicFrameDocument(nonce: string, lateCode = false): string {
  return logicDocument(nonce, lateCode, `(function () {${logicStarter(lateCode)}
  var started = false;
  addEventListener('message', function (event) {
    var data = event.data;
    if (started || event.source !== parent || !data || data.type !== ${JSON.stringify(LOGIC_START_MESSAGE)} || typeof data.script !== 'string') return;
    started = true;
    start(data.script, Array.isArray(data.lineMap) ? data.lineMap : [], data.prewarmed === true);
  });
})();`);
}

/** What a page's view document contains. */
export interface ViewDocumentParts {
  nonce: string;
  css: string;
  page: { path: string; prefixes: Record<string, string>; assetBase: string; webViewOrigins: string[]; reachBottomDistance?: number; pullDown?: PullDownStyle };
  viewRuntime: string;
  viewPackage: string;
  /** Origin the package's own images load from (the simulator or the app's CDN). */
  assetOrigin: string;
}

/** What makes a view frame's CSP: the same for a page's frame and a spare one of the same app. */
type ViewPolicyParts = Pick<ViewDocumentParts, 'nonce' | 'assetOrigin'> & { webViewOrigins: string[] };

function viewPolicy(parts: ViewPolicyParts): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${parts.nonce}'`,
    "style-src 'unsafe-inline'",
    `img-src data: blob: https: ${parts.assetOrigin}`,
    `media-src data: blob: https: ${parts.assetOrigin}`,
    // Only the app's business domains may appear in a <web-view>; nothing else can be framed.
    `frame-src ${parts.webViewOrigins.map((origin) => origin.replace(/[^\w:/.*-]/g, '')).join(' ') || "'none'"}`,
    'font-src data:',
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

function viewHead(parts: ViewPolicyParts): string {
  return [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${viewPolicy(parts)}">`,
    '<meta name="viewport" content="width=device-width,initial-scale=1,user-scalable=no">',
    `<style>${inlineStyle(DEFAULT_STYLES)}</style>`,
  ].join('');
}

/**
 * The document of one page's view iframe: default and package styles, the view runtime and
 * the compiled templates. The CSP allows only its own nonce'd scripts, images (https, data,
 * the package's asset origin) and nothing that connects anywhere.
 */
export function viewFrameDocument(parts: ViewDocumentParts): string {
  return [
    viewHead({ ...parts, webViewOrigins: parts.page.webViewOrigins }),
    `<style>${inlineStyle(parts.css)}</style>`,
    // Scripts stay in the head so the body holds only rendered nodes.
    `<script nonce="${parts.nonce}">window.__tesseraPage = ${inlineScript(JSON.stringify(parts.page))};</script>`,
    `<script nonce="${parts.nonce}">${inlineScript(parts.viewRuntime)}</script>`,
    `<script nonce="${parts.nonce}">${inlineScript(parts.viewPackage)}</script>`,
    '</head><body></body></html>',
  ].join('');
}

/**
 * A view frame made before its page is known (a spare, taken by the next page to open): the same
 * CSP and default styles as a page's view, and the view runtime, loaded and compiled. It waits for
 * its page's config, styles and templates from its parent (only its parent), once; the runtime
 * then adds them with its own nonce and starts. Opening a page then skips creating, committing
 * and loading a frame.
 */
export function spareViewFrameDocument(parts: ViewPolicyParts & { viewRuntime: string }): string {
  return [
    viewHead(parts),
    `<script nonce="${parts.nonce}">window.__tesseraSpare = true;</script>`,
    `<script nonce="${parts.nonce}">${inlineScript(parts.viewRuntime)}</script>`,
    '</head><body></body></html>',
  ].join('');
}
