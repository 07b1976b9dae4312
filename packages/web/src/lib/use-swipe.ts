import { useRef, useState, type PointerEvent } from 'react';

const startPx = 10;

/**
 * Horizontal swipe to reveal actions behind a row, for touch only: the row follows the finger
 * and snaps open past half the actions' width. Vertical moves are left to scrolling.
 */
export function useSwipe(width: number) {
  const [offset, setOffset] = useState(0);
  const [dragging, setDragging] = useState(false);
  const gesture = useRef<{ x: number; y: number; base: number; swiping: boolean } | null>(null);
  /** Set when the last touch was a swipe, so the click it ends with does not open the row. */
  const swiped = useRef(false);

  const handlers = {
    onPointerDown(event: PointerEvent<HTMLElement>) {
      swiped.current = false;
      if (event.pointerType !== 'touch') return;
      gesture.current = { x: event.clientX, y: event.clientY, base: offset, swiping: false };
    },
    onPointerMove(event: PointerEvent<HTMLElement>) {
      const current = gesture.current;
      if (!current) return;
      const dx = event.clientX - current.x;
      const dy = event.clientY - current.y;
      if (!current.swiping) {
        if (Math.abs(dy) > startPx && Math.abs(dy) > Math.abs(dx)) {
          gesture.current = null;
          return;
        }
        if (Math.abs(dx) < startPx) return;
        current.swiping = true;
        swiped.current = true;
        setDragging(true);
        event.currentTarget.setPointerCapture?.(event.pointerId);
      }
      setOffset(Math.max(-width, Math.min(0, current.base + dx)));
    },
    onPointerUp() {
      const current = gesture.current;
      gesture.current = null;
      if (!current?.swiping) return;
      setDragging(false);
      setOffset((value) => (value < -width / 2 ? -width : 0));
    },
  };

  return {
    offset,
    dragging,
    open: offset !== 0,
    /** True once if the gesture that just ended was a swipe. */
    consumeSwipe: () => {
      const was = swiped.current;
      swiped.current = false;
      return was;
    },
    close: () => setOffset(0),
    handlers,
  };
}
