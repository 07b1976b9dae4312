import type { ViewToLogic } from '../shared/runtime-messages';

/** WeChat's default onReachBottomDistance, in px. */
export const DEFAULT_REACH_BOTTOM_DISTANCE = 50;

/**
 * Reports the page's scrolling to the logic layer: onPageScroll with every frame that scrolled,
 * and onReachBottom when the user arrives within `distance` px of the bottom (the page's
 * `onReachBottomDistance`). It fires once per arrival, as in WeChat, and is armed again when the
 * user leaves that band or when the page grows under them: a list that loaded its next page
 * fires again at its new bottom, so infinite lists keep loading.
 */
export function watchPageScroll(post: (message: ViewToLogic) => void, distance = DEFAULT_REACH_BOTTOM_DISTANCE): void {
  let queued = false;
  /** The page height at the last onReachBottom while the user stayed in the band; -1 when armed. */
  let firedAtHeight = -1;
  window.addEventListener('scroll', () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      const scrollTop = window.scrollY;
      const height = document.documentElement.scrollHeight;
      const nearBottom = height - window.innerHeight - scrollTop <= distance;
      if (!nearBottom) firedAtHeight = -1;
      const reachBottom = nearBottom && firedAtHeight !== height;
      if (reachBottom) firedAtHeight = height;
      post({ type: 'scroll', scrollTop, reachBottom });
    });
  });
}
