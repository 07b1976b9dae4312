import type { PullDownStyle } from '../shared/page-window';

/** How far the page must be pulled before letting go refreshes it, and where it rests meanwhile, in px. */
export const PULL_THRESHOLD = 50;
/** The farthest the page follows the finger, in px. */
const PULL_MAX = 120;
/** The page follows the finger at half its distance, as a rubber band would. */
const RESISTANCE = 0.5;
/** How long the page takes to spring back or settle, in ms. */
const SETTLE_MS = 320;
/** A pull shorter than this is a tap or a wobble, and its click goes through. */
const SLOP = 6;

/**
 * WeChat's page pull-down refresh, in the page's view: on a page with `enablePullDownRefresh`,
 * dragging down while the page is scrolled to the top (a finger, or the mouse in the simulator)
 * moves the whole page down over the window's `backgroundColor` and reveals three dots in the
 * `backgroundTextStyle` colour. Let go past the threshold and the page rests there with the dots
 * pulsing while the logic layer runs `onPullDownRefresh`, until `wx.stopPullDownRefresh`;
 * let go before it and the page springs back. `wx.startPullDownRefresh` runs the same refresh
 * without a gesture, on any page.
 */
export class PullDown {
  private readonly indicator: HTMLElement;
  private refreshing = false;
  /** Where the current drag started, while one is under way. */
  private dragFrom: number | undefined;
  private distance = 0;
  private pulled = false;
  private settle: ReturnType<typeof setTimeout> | undefined;
  /** Set from the end of a pull until the click that release may produce has gone by. */
  private swallowClick = false;

  constructor(
    private readonly style: PullDownStyle | undefined,
    /** Tells the logic layer to run onPullDownRefresh. */
    private readonly refresh: () => void,
  ) {
    const doc = document;
    this.indicator = doc.createElement('tsr-pull-down');
    this.indicator.setAttribute('aria-hidden', 'true');
    this.indicator.setAttribute('data-text-style', style?.textStyle ?? 'dark');
    for (let dot = 0; dot < 3; dot++) this.indicator.appendChild(doc.createElement('i'));
    // Beside the body, not in it: the body holds only the page's rendered nodes.
    doc.documentElement.appendChild(this.indicator);
    if (style) this.listen();
  }

  get isRefreshing(): boolean {
    return this.refreshing;
  }

  /** Shows the refreshing state and asks for onPullDownRefresh (wx.startPullDownRefresh, or a pull let go past the threshold). */
  start(): void {
    if (this.refreshing) return;
    this.refreshing = true;
    window.scrollTo(0, 0);
    this.place(PULL_THRESHOLD, true);
    this.indicator.setAttribute('data-refreshing', '');
    this.refresh();
  }

  /** Ends the refresh (wx.stopPullDownRefresh): the page springs back. */
  stop(): void {
    if (!this.refreshing && this.distance === 0) return;
    this.refreshing = false;
    this.indicator.removeAttribute('data-refreshing');
    this.place(0, true);
  }

  private place(distance: number, animated: boolean): void {
    this.distance = distance;
    this.indicator.style.height = `${distance}px`;
    this.indicator.style.opacity = String(Math.min(1, distance / PULL_THRESHOLD));
    // What the pull reveals is the window's background, as in WeChat, not the page's.
    document.documentElement.style.backgroundColor = distance > 0 ? (this.style?.backgroundColor ?? '#ffffff') : '';
    const body = document.body;
    // The body's own style is the program's (its `page` rules): ours is set only while needed.
    clearTimeout(this.settle);
    body.style.transition = animated ? 'transform .3s ease-out' : 'none';
    body.style.transform = `translateY(${distance}px)`;
    if (!animated) return;
    this.settle = setTimeout(() => {
      body.style.transition = '';
      if (this.distance === 0) body.style.transform = '';
    }, SETTLE_MS);
  }

  private begin(y: number): void {
    this.dragFrom = !this.refreshing && window.scrollY <= 0 ? y : undefined;
    this.pulled = false;
  }

  /** Returns whether the move was taken by the pull (the page must not scroll for it). */
  private move(y: number): boolean {
    if (this.dragFrom === undefined) return false;
    const delta = y - this.dragFrom;
    if (delta <= 0 && !this.pulled) return false;
    if (delta > SLOP && !this.pulled) {
      this.pulled = true;
      // A mouse drag would otherwise select the text it passes over.
      document.getSelection()?.removeAllRanges();
      document.documentElement.style.userSelect = 'none';
    }
    if (!this.pulled) return false;
    this.place(Math.max(0, Math.min(PULL_MAX, delta * RESISTANCE)), false);
    return true;
  }

  private end(): void {
    if (this.dragFrom === undefined) return;
    this.dragFrom = undefined;
    if (!this.pulled) return;
    this.pulled = false;
    document.documentElement.style.userSelect = '';
    this.swallowClick = true;
    setTimeout(() => {
      this.swallowClick = false;
    });
    if (this.distance >= PULL_THRESHOLD) this.start();
    else this.place(0, true);
  }

  private listen(): void {
    addEventListener('touchstart', (event) => this.begin(event.touches[0]?.clientY ?? 0), { passive: true });
    addEventListener('touchmove', (event) => {
      if (this.move(event.touches[0]?.clientY ?? 0) && event.cancelable) event.preventDefault();
    }, { passive: false });
    addEventListener('touchend', () => this.end());
    addEventListener('touchcancel', () => this.end());
    addEventListener('mousedown', (event) => {
      if (event.button === 0) this.begin(event.clientY);
    });
    addEventListener('mousemove', (event) => {
      if (this.move(event.clientY)) event.preventDefault();
    });
    addEventListener('mouseup', () => this.end());
    // A drag that pulled the page is not a tap on whatever it started on.
    addEventListener('click', (event) => {
      if (!this.swallowClick) return;
      this.swallowClick = false;
      event.stopImmediatePropagation();
      event.preventDefault();
    }, true);
  }
}
