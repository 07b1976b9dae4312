import type { SelectorRequest } from '../shared/runtime-messages';
import type { MountedElement } from './dom-patch';

/** Measures the elements a selector request names, in WeChat's result shape. */
export function measure(request: SelectorRequest, transfer: Transferable[] = [], scope: { root: HTMLElement; prefix: string } = { root: document.body, prefix: '' }): unknown {
  if (request.selector === 'viewport') {
    return describe(document.documentElement, request, true, transfer);
  }
  let elements: Element[] = [];
  try {
    const selector = scopeClasses(translate(request.selector), scope.prefix);
    elements = request.all || request.ownNodes ? Array.from(scope.root.querySelectorAll(selector)) : [scope.root.querySelector(selector)].filter((el): el is Element => el !== null);
  } catch {
    elements = [];
  }
  if (request.ownNodes) elements = elements.filter((el) => (el as MountedElement).__v?.o === (request.scope ?? 0));
  if (!request.all) elements = elements.slice(0, 1);
  const results = elements.map((el) => describe(el as HTMLElement, request, false, transfer));
  return request.all ? results : (results[0] ?? null);
}

/** WXML selectors name built-in tags without the `wx-` prefix the view renders. */
function translate(selector: string): string {
  return selector.replace(/(^|[\s>+~,(])(view|text|image|button|input|textarea|scroll-view|swiper|swiper-item|navigator|form|label|picker|switch|slider|checkbox|radio|progress|icon|rich-text)(?=$|[\s.#:[>+~),])/g, '$1wx-$2');
}

/** Inside a component, `.name` means the component's own (prefixed) class. */
function scopeClasses(selector: string, prefix: string): string {
  return prefix ? selector.replace(/\.(-?[_a-zA-Z][\w-]*)/g, (_, name: string) => `.${prefix}${name}`) : selector;
}

function describe(el: HTMLElement, request: SelectorRequest, viewport: boolean, transfer: Transferable[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = request.fields;
  if (fields.node) out.node = canvasNode(el, transfer);
  if (fields.id) out.id = el.id;
  if (fields.dataset) out.dataset = { ...((el as MountedElement).__v?.d ?? {}) };
  if (fields.rect || fields.size) {
    const rect = viewport ? { left: 0, top: 0, right: innerWidth, bottom: innerHeight, width: innerWidth, height: innerHeight } : el.getBoundingClientRect();
    if (fields.rect) Object.assign(out, { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom });
    if (fields.size) Object.assign(out, { width: rect.width, height: rect.height });
  }
  if (fields.scrollOffset) {
    const scroller = viewport ? document.scrollingElement ?? document.documentElement : el;
    Object.assign(out, { scrollLeft: scroller.scrollLeft, scrollTop: scroller.scrollTop, scrollWidth: scroller.scrollWidth, scrollHeight: scroller.scrollHeight });
  }
  return out;
}

let nextCanvasId = 0;

/**
 * A `<canvas type="2d">` is drawn by the logic layer: the first query hands the Worker an
 * OffscreenCanvas (transferred, so only once); later queries refer to it by id.
 */
function canvasNode(el: HTMLElement, transfer: Transferable[]): unknown {
  const canvas = el.querySelector(':scope > canvas') as (HTMLCanvasElement & { __canvasId?: number }) | null;
  if (!canvas) return null;
  if (canvas.__canvasId !== undefined) return { canvasId: canvas.__canvasId };
  canvas.__canvasId = ++nextCanvasId;
  const offscreen = canvas.transferControlToOffscreen();
  transfer.push(offscreen);
  return { canvasId: canvas.__canvasId, canvas: offscreen };
}
