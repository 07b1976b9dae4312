/**
 * Entry of a page's view iframe. The document that loads it sets `__tesseraPage` first and
 * loads the package's view.js after it; the host then posts a MessagePort connected to the
 * logic layer, and rendering starts when the page's initial data arrives on it.
 */
import { VIEW_PAGE_MESSAGE, type LogicToView, type ViewToLogic } from '../shared/runtime-messages';
import { tapDefaultAction } from './builtin-components';
import type { MountedElement } from './dom-patch';
import { closestMounted, dispatchEvent, touchesOf } from './event-dispatch';
import { watchPageScroll } from './page-scroll';
import { ViewPage, type PageConfig } from './view-page';
import type { WxmlModule } from './vnode';
import { defineWxs } from './wxs-modules';

const scope = globalThis as unknown as Record<string, unknown>;
const files = new Map<string, WxmlModule>();
scope.__tessera = { wxml: (file: string, module: WxmlModule) => files.set(file, module), wxs: defineWxs };

const LONG_PRESS_MS = 350;
let port: MessagePort | undefined;
const outbox: ViewToLogic[] = [];
const post = (message: ViewToLogic, transfer: Transferable[] = []): void => {
  if (port) port.postMessage(message, transfer);
  else outbox.push(message);
};

function start(): void {
  const config = scope.__tesseraPage as PageConfig;
  const page = new ViewPage(config, files, post, document.body);
  scope.__tesseraView = page;
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || !event.ports[0] || port) return;
    port = event.ports[0];
    port.onmessage = (next) => page.receive(next.data as LogicToView);
    for (const message of outbox.splice(0)) port.postMessage(message);
  });
  listen(page, config.reachBottomDistance);
}

function listen(page: ViewPage, reachBottomDistance: number | undefined): void {
  let pressTimer: ReturnType<typeof setTimeout> | undefined;
  let longPressed = false;
  let pointerDown = false;
  const touch = (type: string, event: PointerEvent): void => {
    const target = closestMounted(event.target);
    if (target) dispatchEvent(target, type, {}, { bubbles: true, composed: true, capturePhase: true, touches: type === 'touchend' ? [] : touchesOf(event), changedTouches: touchesOf(event) }, page.sink);
  };
  document.addEventListener('pointerdown', (event) => {
    pointerDown = true;
    longPressed = false;
    touch('touchstart', event);
    const target = closestMounted(event.target);
    clearTimeout(pressTimer);
    if (target) {
      pressTimer = setTimeout(() => {
        // As in WeChat, a long press takes the place of the tap only when a longpress handler ran;
        // otherwise the press still ends in a tap, however long it was held.
        let handled = false;
        dispatchEvent(target, 'longpress', { x: event.pageX, y: event.pageY }, { bubbles: true, composed: true, capturePhase: true, touches: touchesOf(event) }, (...call) => {
          handled = true;
          page.sink(...call);
        });
        longPressed = handled && target.isConnected;
      }, LONG_PRESS_MS);
    }
  });
  document.addEventListener('pointermove', (event) => {
    if (!pointerDown) return;
    clearTimeout(pressTimer);
    touch('touchmove', event);
  });
  document.addEventListener('pointerup', (event) => {
    pointerDown = false;
    clearTimeout(pressTimer);
    touch('touchend', event);
  });
  document.addEventListener('pointercancel', (event) => {
    pointerDown = false;
    clearTimeout(pressTimer);
    touch('touchcancel', event);
  });
  document.addEventListener('click', (event) => {
    const target = closestMounted(event.target) as MountedElement | undefined;
    if (!target) return;
    // A long press replaces the tap, as in WeChat.
    if (longPressed) {
      longPressed = false;
      return;
    }
    if ((event.target as HTMLElement).closest('select, input[type=date], input[type=time], input[type=range]')) return;
    const reached = dispatchEvent(target, 'tap', { x: event.pageX, y: event.pageY }, { bubbles: true, composed: true, capturePhase: true, touches: touchesOf(event), changedTouches: touchesOf(event) }, page.sink);
    if (reached) tapDefaultAction(target, page.context, reached);
  });
  watchPageScroll(post, reachBottomDistance);
}

/** The nonce this script ran with: a spare view adds its page's templates with it. */
const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';

/**
 * A spare view (see spareViewFrameDocument) becomes a page's when its parent, and only its
 * parent, posts the page's config, styles and templates; it then starts as a page's view does.
 */
function adopt(event: MessageEvent): void {
  const data = event.data as { type?: string; page?: PageConfig; css?: unknown; viewPackage?: unknown } | null;
  if (event.source !== window.parent || data?.type !== VIEW_PAGE_MESSAGE || !data.page || typeof data.css !== 'string' || typeof data.viewPackage !== 'string') return;
  window.removeEventListener('message', adopt);
  const style = document.createElement('style');
  style.textContent = data.css;
  document.head.appendChild(style);
  scope.__tesseraPage = data.page;
  const templates = document.createElement('script');
  templates.nonce = nonce;
  templates.textContent = data.viewPackage;
  document.head.appendChild(templates);
  start();
}

if (scope.__tesseraSpare === true) window.addEventListener('message', adopt);
else if (document.body) start();
else document.addEventListener('DOMContentLoaded', start);
