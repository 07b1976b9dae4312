import type { MountedElement } from './dom-patch';
import type { BuiltInContext } from './form-controls';
import type { VElement } from './vnode';

interface SwiperState {
  current: number;
  timer: ReturnType<typeof setInterval> | undefined;
  /** Where the pointer went down, while a swipe may be under way. */
  start: { x: number; y: number } | undefined;
}

const SWIPE_THRESHOLD_PX = 40;
/** How far a pointer moves before the swiper takes it as a swipe. */
const CAPTURE_AFTER_PX = 10;

function stateOf(el: MountedElement): SwiperState {
  const holder = el as MountedElement & { __swiper?: SwiperState };
  holder.__swiper ??= { current: 0, timer: undefined, start: undefined };
  return holder.__swiper;
}

/** Whether the swiper slides up and down (`vertical`) rather than sideways. */
function vertical(el: MountedElement): boolean {
  const value = el.__v?.a.vertical;
  return !!value && value !== 'false';
}

/** How many items show at once (`display-multiple-items`, at least one). */
function itemsShown(el: MountedElement): number {
  const value = Math.trunc(Number(el.__v?.a['display-multiple-items'] ?? 1));
  return Number.isFinite(value) && value > 1 ? value : 1;
}

/**
 * The positions `current` can take: one per item, less those that would leave the window short
 * of items when several show at once.
 */
function positions(el: MountedElement): number {
  const count = (el.querySelector(':scope > .wx-swiper-track') as HTMLElement).children.length;
  return Math.max(count ? 1 : 0, count - itemsShown(el) + 1);
}

/**
 * swiper: a sliding track of swiper-items, moved by swipes (sideways, or up and down when
 * `vertical`), by `current` and by autoplay; `display-multiple-items` shows several at once.
 */
export function createSwiper(el: MountedElement, context: BuiltInContext): HTMLElement {
  const track = Object.assign(document.createElement('div'), { className: 'wx-swiper-track' });
  el.appendChild(track);
  el.appendChild(Object.assign(document.createElement('div'), { className: 'wx-swiper-dots' }));
  const state = stateOf(el);
  el.addEventListener('pointerdown', (event) => {
    state.start = { x: event.clientX, y: event.clientY };
  });
  el.addEventListener('pointermove', (event) => {
    // Once it is a swipe (not a tap), the swiper keeps the pointer: a swipe often ends past its
    // edge, up and down especially, and must still be heard. Taps keep their own targets.
    if (!state.start || el.hasPointerCapture(event.pointerId)) return;
    if (Math.hypot(event.clientX - state.start.x, event.clientY - state.start.y) > CAPTURE_AFTER_PX) el.setPointerCapture(event.pointerId);
  });
  el.addEventListener('pointercancel', () => {
    state.start = undefined;
  });
  // A swipe over selected text would start the browser's drag and drop, which cancels the pointer.
  el.addEventListener('dragstart', (event) => event.preventDefault());
  el.addEventListener('pointerup', (event) => {
    const start = state.start;
    state.start = undefined;
    if (start === undefined) return;
    const moved = vertical(el) ? event.clientY - start.y : event.clientX - start.x;
    if (Math.abs(moved) < SWIPE_THRESHOLD_PX) return;
    go(el, state.current + (moved < 0 ? 1 : -1), 'touch', context);
  });
  return track;
}

/** Applies `current`, dots and autoplay after a render. */
export function updateSwiper(node: VElement, previous: VElement | undefined, el: MountedElement, context: BuiltInContext): void {
  const state = stateOf(el);
  if (!previous || previous.a.current !== node.a.current) state.current = Number(node.a.current ?? 0);
  show(el);
  const autoplay = !!node.a.autoplay;
  const interval = Number(node.a.interval ?? 5000);
  if (!autoplay && state.timer !== undefined) {
    clearInterval(state.timer);
    state.timer = undefined;
  } else if (autoplay && state.timer === undefined) {
    state.timer = setInterval(() => {
      if (!el.isConnected) {
        clearInterval(state.timer);
        return;
      }
      go(el, state.current + 1, 'autoplay', context);
    }, interval);
  }
}

function go(el: MountedElement, index: number, source: 'touch' | 'autoplay', context: BuiltInContext): void {
  const state = stateOf(el);
  const count = positions(el);
  if (!count) return;
  const circular = !!el.__v?.a.circular;
  const next = circular ? (index + count) % count : Math.max(0, Math.min(count - 1, index));
  if (next === state.current) return;
  state.current = next;
  show(el);
  context.emit(el, 'change', { current: next, currentItemId: '', source });
}

function show(el: MountedElement): void {
  const state = stateOf(el);
  const track = el.querySelector(':scope > .wx-swiper-track') as HTMLElement;
  const upright = vertical(el);
  const shown = itemsShown(el);
  // Items size themselves from this (see default-styles): a whole swiper, or a share of it.
  track.style.setProperty('--wx-swiper-items', String(shown));
  track.classList.toggle('wx-swiper-vertical', upright);
  track.style.transform = `${upright ? 'translateY' : 'translateX'}(${-state.current * 100 / shown}%)`;
  const dots = el.querySelector(':scope > .wx-swiper-dots') as HTMLElement;
  // WeChat stacks a vertical swiper's dots down its right edge.
  dots.classList.toggle('wx-swiper-dots-vertical', upright);
  dots.replaceChildren(...(el.__v?.a['indicator-dots'] ? Array.from({ length: positions(el) }, (_, index) => Object.assign(document.createElement('span'), { className: index === state.current ? 'wx-dot wx-dot-active' : 'wx-dot' })) : []));
}
