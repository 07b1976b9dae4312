import { convertRpx } from '../shared/rpx';
import { createCamera } from './camera-component';
import type { MountedElement } from './dom-patch';
import { activateChoice, controlState, formValues, resetForm, setChecked, type BuiltInContext } from './form-controls';
import { watchNickname } from './nickname-input';
import { createPicker, updatePicker } from './picker-component';
import { openRegionPicker } from './region-picker-loader';
import { renderRichText } from './rich-text';
import { createSwiper, updateSwiper } from './swiper-component';
import { createLegacy, LEGACY_TAGS, updateLegacy } from './legacy-tags';
import { updatePlaceholder } from './text-placeholder';
import type { VElement } from './vnode';

export type { BuiltInContext } from './form-controls';

const UNSUPPORTED = new Set(['map', 'live-player', 'live-pusher', 'ad']);

/** Builds the inner structure of a built-in and returns where its children go. */
export function createBuiltIn(node: VElement, context: BuiltInContext): HTMLElement {
  const el = node.el as MountedElement;
  switch (node.t) {
    case 'image': {
      const img = document.createElement('img');
      img.draggable = false;
      img.addEventListener('load', () => context.emit(el, 'load', { width: img.naturalWidth, height: img.naturalHeight }));
      img.addEventListener('error', () => context.emit(el, 'error', { errMsg: `GET ${img.src} failed` }));
      el.appendChild(img);
      return el;
    }
    case 'input':
    case 'textarea':
      return createTextField(node, el, context);
    case 'checkbox':
    case 'radio': {
      el.appendChild(Object.assign(document.createElement('span'), { className: `wx-${node.t}-input` }));
      const label = document.createElement('span');
      el.appendChild(label);
      return label;
    }
    case 'switch':
      el.appendChild(Object.assign(document.createElement('span'), { className: 'wx-switch-input' }));
      return el;
    case 'slider':
      return createSlider(el, context);
    case 'picker':
      return createPicker(el, context);
    case 'progress': {
      const bar = Object.assign(document.createElement('span'), { className: 'wx-progress-bar' });
      bar.appendChild(Object.assign(document.createElement('span'), { className: 'wx-progress-inner' }));
      el.appendChild(bar);
      el.appendChild(Object.assign(document.createElement('span'), { className: 'wx-progress-info' }));
      return el;
    }
    case 'scroll-view':
      return createScrollView(el, context);
    case 'swiper':
      return createSwiper(el, context);
    case 'canvas':
      el.appendChild(document.createElement('canvas'));
      return el;
    case 'video':
      return createVideo(el, context);
    case 'camera':
      return createCamera(el, context);
    default:
      if (LEGACY_TAGS.has(node.t)) return createLegacy(node, el, context);
      if (UNSUPPORTED.has(node.t)) el.textContent = `<${node.t}> is not supported yet`;
      return el;
  }
}

/** Applies attribute changes that need more than a DOM attribute. */
export function updateBuiltIn(node: VElement, previous: VElement | undefined, context: BuiltInContext): void {
  const el = node.el as MountedElement;
  const changed = (name: string): boolean => !previous || previous.a[name] !== node.a[name];
  switch (node.t) {
    case 'image': {
      const img = el.firstChild as HTMLImageElement;
      if (changed('src')) img.src = typeof node.a.src === 'string' && node.a.src ? context.asset(node.a.src, node.o) : '';
      if (!node.a.mode) el.setAttribute('mode', 'scaleToFill');
      break;
    }
    case 'input':
    case 'textarea':
      updateTextField(node, previous, el);
      break;
    case 'checkbox':
    case 'radio':
    case 'switch':
      if (changed('checked')) {
        setChecked(el, !!node.a.checked);
      }
      break;
    case 'slider': {
      const range = el.querySelector('input') as HTMLInputElement;
      for (const name of ['min', 'max', 'step'] as const) range[name] = String(node.a[name] ?? { min: 0, max: 100, step: 1 }[name]);
      if (changed('value')) range.value = String(node.a.value ?? 0);
      (el.querySelector('.wx-slider-value') as HTMLElement).textContent = node.a['show-value'] ? range.value : '';
      break;
    }
    case 'picker':
      updatePicker(node, el);
      break;
    case 'progress': {
      const percent = Math.max(0, Math.min(100, Number(node.a.percent ?? 0)));
      const inner = el.querySelector('.wx-progress-inner') as HTMLElement;
      inner.style.width = `${percent}%`;
      const color = node.a.activeColor ?? node.a.color;
      if (typeof color === 'string') inner.style.backgroundColor = color;
      const bar = el.querySelector('.wx-progress-bar') as HTMLElement;
      if (node.a['stroke-width'] !== undefined) bar.style.height = `${Number(node.a['stroke-width'])}px`;
      if (typeof node.a.backgroundColor === 'string') bar.style.backgroundColor = node.a.backgroundColor;
      (el.querySelector('.wx-progress-info') as HTMLElement).textContent = node.a['show-info'] ? `${percent}%` : '';
      break;
    }
    case 'scroll-view':
      if (changed('refresher-triggered')) el.classList.toggle('wx-refreshing', !!node.a['refresher-triggered']);
      el.style.overflowX = node.a['scroll-x'] ? 'auto' : 'hidden';
      el.style.overflowY = node.a['scroll-y'] ? 'auto' : 'hidden';
      if (changed('scroll-top') && node.a['scroll-top'] !== undefined) el.scrollTop = Number(node.a['scroll-top']);
      if (changed('scroll-left') && node.a['scroll-left'] !== undefined) el.scrollLeft = Number(node.a['scroll-left']);
      if (changed('scroll-into-view') && typeof node.a['scroll-into-view'] === 'string' && node.a['scroll-into-view']) {
        const id = node.a['scroll-into-view'];
        // A new scroll-view is laid out only once the patch has put it in the document.
        if (el.isConnected) scrollIntoViewWithin(el, id);
        else queueMicrotask(() => scrollIntoViewWithin(el, id));
      }
      break;
    case 'swiper':
      updateSwiper(node, previous, el, context);
      break;
    case 'web-view':
      if (changed('src')) showWebView(el, String(node.a.src ?? ''), context);
      break;
    case 'video': {
      const video = el.firstChild as HTMLVideoElement;
      if (changed('src')) video.src = typeof node.a.src === 'string' && node.a.src ? context.asset(node.a.src, node.o) : '';
      video.controls = node.a.controls !== false;
      video.loop = !!node.a.loop;
      video.muted = !!node.a.muted;
      if (typeof node.a.poster === 'string') video.poster = context.asset(node.a.poster, node.o);
      break;
    }
    case 'rich-text':
      if (changed('nodes')) renderRichText(el, node.a.nodes);
      break;
    case 'icon':
      el.style.fontSize = cssLength(node.a.size, '23px');
      if (typeof node.a.color === 'string') el.style.color = node.a.color;
      break;
    default:
      if (LEGACY_TAGS.has(node.t)) updateLegacy(node, previous, el, context);
      break;
  }
}

/**
 * Runs a built-in's own reaction to a tap after the tap event was dispatched: toggling
 * checkboxes and switches, submitting forms, following navigators, forwarding label taps.
 * Only built-ins the tap reached react: the walk up ends at `reached`, where a catch stopped it.
 */
export function tapDefaultAction(target: MountedElement, context: BuiltInContext, reached?: MountedElement): void {
  for (let el: MountedElement | null = target; el; el = el === reached ? null : (el.parentElement as MountedElement | null)) {
    const node = el.__v;
    if (!node || node.p) continue;
    if (node.a.disabled && node.a.disabled !== 'false') return;
    switch (node.t) {
      case 'checkbox':
      case 'radio':
        activateChoice(el, context);
        return;
      case 'switch': {
        setChecked(el, !controlState(el).checked);
        context.emit(el, 'change', { value: controlState(el).checked });
        return;
      }
      case 'button': {
        const openType = node.a['open-type'];
        if (openType === 'share') context.share(el);
        else if (typeof openType === 'string' && openType) context.openType(el, openType);
        const form = el.closest('wx-form') as MountedElement | null;
        if (form && node.a['form-type'] === 'submit') context.emit(form, 'submit', { value: formValues(form) });
        if (form && node.a['form-type'] === 'reset') {
          resetForm(form);
          context.emit(form, 'reset', {});
        }
        return;
      }
      case 'navigator': {
        const openType = typeof node.a['open-type'] === 'string' ? node.a['open-type'] : 'navigate';
        context.navigate(openType === 'navigateBack' ? 'navigateBack' : openType, String(node.a.url ?? ''), Number(node.a.delta ?? 1));
        return;
      }
      case 'picker':
        // The other modes open native controls laid over the picker; region draws its own sheet.
        if (node.a.mode === 'region') openRegionPicker(el, context);
        return;
      case 'label': {
        const forId = node.a.for;
        const control = (typeof forId === 'string' && forId ? el.ownerDocument.getElementById(forId) : el.querySelector('wx-checkbox, wx-radio, wx-switch, wx-input')) as MountedElement | null;
        if (!control || control.contains(target)) return;
        if (control.tagName === 'WX-INPUT') (control.querySelector('input') as HTMLInputElement).focus();
        else tapDefaultAction(control, context);
        return;
      }
    }
  }
}

function scrollIntoViewWithin(el: HTMLElement, id: string): void {
  const target = el.querySelector(`#${CSS.escape(id)}`);
  if (!target) return;
  const outer = el.getBoundingClientRect();
  const inner = target.getBoundingClientRect();
  el.scrollTop += inner.top - outer.top;
  el.scrollLeft += inner.left - outer.left;
}

/** web-view shows only the app's business domains, in a frame as sandboxed as the page itself. */
function showWebView(el: MountedElement, src: string, context: BuiltInContext): void {
  el.classList.toggle('wx-web-view-open', context.webViewAllowed(src));
  if (!context.webViewAllowed(src)) {
    el.replaceChildren(Object.assign(document.createElement('span'), { className: 'wx-web-view-refused', textContent: `<web-view> cannot open ${src}: not one of this app's business domains` }));
    return;
  }
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts allow-forms');
  frame.setAttribute('referrerpolicy', 'no-referrer');
  frame.src = src;
  el.replaceChildren(frame);
}

function createVideo(el: MountedElement, context: BuiltInContext): HTMLElement {
  const video = document.createElement('video');
  video.controls = true;
  video.playsInline = true;
  for (const type of ['play', 'pause', 'ended'] as const) video.addEventListener(type, () => context.emit(el, type, {}));
  video.addEventListener('timeupdate', () => context.emit(el, 'timeupdate', { currentTime: video.currentTime, duration: video.duration }));
  video.addEventListener('error', () => context.emit(el, 'error', { errMsg: 'video load failed' }));
  el.appendChild(video);
  return el;
}

/** A size attribute: a number means px; strings keep their unit, rpx included. */
function cssLength(value: unknown, fallback: string): string {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'number' || /^\d+(\.\d+)?$/.test(String(value))) return `${Number(value)}px`;
  return convertRpx(String(value));
}

/** textarea auto-height: the box grows and shrinks with its text. */
function fitHeight(el: HTMLElement, field: HTMLElement): void {
  el.style.height = 'auto';
  field.style.height = 'auto';
  field.style.height = `${field.scrollHeight}px`;
}

function createTextField(node: VElement, el: MountedElement, context: BuiltInContext): HTMLElement {
  const field = document.createElement(node.t === 'textarea' ? 'textarea' : 'input') as HTMLInputElement;
  field.addEventListener('input', () => {
    if (node.t === 'textarea' && el.__v?.a['auto-height']) fitHeight(el, field);
    updatePlaceholder(el, field);
    context.emit(el, 'input', { value: field.value, cursor: field.selectionStart ?? field.value.length, keyCode: 0 });
  });
  field.addEventListener('focus', () => context.emit(el, 'focus', { value: field.value, height: 0 }));
  field.addEventListener('blur', () => context.emit(el, 'blur', { value: field.value }));
  field.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && node.t === 'input') context.emit(el, 'confirm', { value: field.value });
  });
  if (node.t === 'input') watchNickname(el, field, context);
  el.appendChild(field);
  return el;
}

function updateTextField(node: VElement, previous: VElement | undefined, el: MountedElement): void {
  const field = el.firstChild as HTMLInputElement;
  const value = node.a.value === undefined || node.a.value === null ? '' : String(node.a.value);
  // Only a changed binding overwrites what the user typed; re-renders for other data leave the field alone.
  if ((!previous || previous.a.value !== node.a.value) && field.value !== value) field.value = value;
  field.placeholder = typeof node.a.placeholder === 'string' ? node.a.placeholder : '';
  field.disabled = !!node.a.disabled;
  const max = node.a.maxlength === undefined ? 140 : Number(node.a.maxlength);
  if (max >= 0) field.maxLength = max;
  else field.removeAttribute('maxlength');
  if (node.t === 'input') {
    field.type = node.a.password ? 'password' : 'text';
    field.inputMode = node.a.type === 'number' || node.a.type === 'idcard' ? 'numeric' : node.a.type === 'digit' ? 'decimal' : 'text';
  }
  if (node.a.focus && (!previous || !previous.a.focus)) queueMicrotask(() => field.focus());
  updatePlaceholder(el, field);
}

function createSlider(el: MountedElement, context: BuiltInContext): HTMLElement {
  const range = Object.assign(document.createElement('input'), { type: 'range' });
  range.addEventListener('input', () => {
    const label = el.querySelector('.wx-slider-value') as HTMLElement | null;
    if (label?.textContent) label.textContent = range.value;
    context.emit(el, 'changing', { value: Number(range.value) });
  });
  range.addEventListener('change', () => context.emit(el, 'change', { value: Number(range.value) }));
  el.appendChild(range);
  el.appendChild(Object.assign(document.createElement('span'), { className: 'wx-slider-value' }));
  return el;
}

function createScrollView(el: MountedElement, context: BuiltInContext): HTMLElement {
  let nearBottom = false;
  let nearTop = true;
  el.addEventListener('scroll', () => {
    context.emit(el, 'scroll', { scrollLeft: el.scrollLeft, scrollTop: el.scrollTop, scrollHeight: el.scrollHeight, scrollWidth: el.scrollWidth, deltaX: 0, deltaY: 0 });
    const threshold = Number(el.__v?.a['lower-threshold'] ?? 50);
    const vertical = !!el.__v?.a['scroll-y'];
    const remaining = vertical ? el.scrollHeight - el.clientHeight - el.scrollTop : el.scrollWidth - el.clientWidth - el.scrollLeft;
    if (remaining <= threshold && !nearBottom) context.emit(el, 'scrolltolower', { direction: vertical ? 'bottom' : 'right' });
    nearBottom = remaining <= threshold;
    const fromTop = vertical ? el.scrollTop : el.scrollLeft;
    const upper = Number(el.__v?.a['upper-threshold'] ?? 50);
    if (fromTop <= upper && !nearTop) context.emit(el, 'scrolltoupper', { direction: vertical ? 'top' : 'left' });
    nearTop = fromTop <= upper;
  });
  enableRefresher(el, context);
  return el;
}

const REFRESH_PULL_PX = 45;

/**
 * refresher-enabled: pulling down at the top past the threshold fires `refresherrefresh` and
 * shows the refresher until the page sets `refresher-triggered` back to false.
 */
function enableRefresher(el: MountedElement, context: BuiltInContext): void {
  el.addEventListener('pointerdown', (event) => {
    if (!el.__v?.a['refresher-enabled'] || el.scrollTop > 0) return;
    const startY = event.clientY;
    // The pull may end outside the scroll-view, so its end is heard on the document.
    el.ownerDocument.addEventListener('pointerup', (up) => {
      const pulled = up.clientY - startY;
      if (pulled < Number(el.__v?.a['refresher-threshold'] ?? REFRESH_PULL_PX) || el.classList.contains('wx-refreshing')) return;
      el.classList.add('wx-refreshing');
      context.emit(el, 'refresherrefresh', { dy: pulled });
    }, { once: true });
  });
}
