import type { MountedElement } from './dom-patch';
import type { BuiltInContext } from './form-controls';
import type { VElement } from './vnode';

interface SwiperState {
  current: number;
  timer: ReturnType<typeof setInterval> | undefined;
  startX: number | undefined;
}

const SWIPE_THRESHOLD_PX = 40;

function stateOf(el: MountedElement): SwiperState {
  const holder = el as MountedElement & { __swiper?: SwiperState };
  holder.__swiper ??= { current: 0, timer: undefined, startX: undefined };
  return holder.__swiper;
}

/** swiper: a sliding track of swiper-items, moved by swipes, by `current` and by autoplay. */
export function createSwiper(el: MountedElement, context: BuiltInContext): HTMLElement {
  const track = Object.assign(document.createElement('div'), { className: 'wx-swiper-track' });
  el.appendChild(track);
  el.appendChild(Object.assign(document.createElement('div'), { className: 'wx-swiper-dots' }));
  const state = stateOf(el);
  el.addEventListener('pointerdown', (event) => {
    state.startX = event.clientX;
  });
  el.addEventListener('pointerup', (event) => {
    if (state.startX === undefined) return;
    const moved = event.clientX - state.startX;
    state.startX = undefined;
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
  const count = (el.querySelector('.wx-swiper-track') as HTMLElement).children.length;
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
  const track = el.querySelector('.wx-swiper-track') as HTMLElement;
  track.style.transform = `translateX(${-state.current * 100}%)`;
  const dots = el.querySelector('.wx-swiper-dots') as HTMLElement;
  dots.replaceChildren(...(el.__v?.a['indicator-dots'] ? Array.from(track.children).map((_, index) => Object.assign(document.createElement('span'), { className: index === state.current ? 'wx-dot wx-dot-active' : 'wx-dot' })) : []));
}
