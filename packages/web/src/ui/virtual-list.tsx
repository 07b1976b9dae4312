import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';

export interface VirtualListProps<T> {
  items: readonly T[];
  keyOf: (item: T) => string;
  render: (item: T) => ReactNode;
  /** Height assumed for a row before it is measured. */
  estimate: number;
  /** Called when the user scrolls near the top (to load older rows). */
  onNearTop?: () => void;
  /** Shown above the first row (a loading or "beginning" marker). */
  header?: ReactNode;
  label: string;
  /** Rendered over the list when the user has scrolled away from the bottom. */
  renderJump?: (jump: () => void) => ReactNode;
}

const overscanPx = 600;
const bottomSlackPx = 24;
const headerHeight = 40;

/**
 * A chat-style virtual list: renders only rows near the viewport, measures them as they render,
 * starts at the bottom and stays there while new rows arrive, and keeps the row under the user's
 * eye still when rows above it change (older pages loading, images measuring).
 */
export function VirtualList<T>({ items, keyOf, render, estimate, onNearTop, header, label, renderJump }: VirtualListProps<T>) {
  const viewport = useRef<HTMLDivElement>(null);
  const sizes = useRef(new Map<string, number>());
  const [version, setVersion] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(0);
  const atBottom = useRef(true);
  const [awayFromBottom, setAwayFromBottom] = useState(false);
  /** The first visible row and how far below the viewport top it sat. */
  const anchor = useRef<{ key: string; delta: number } | null>(null);
  const frame = useRef(0);

  const layout = useMemo(() => {
    const keys = items.map(keyOf);
    const offsets = new Float64Array(keys.length + 1);
    const index = new Map<string, number>();
    offsets[0] = headerHeight;
    for (let row = 0; row < keys.length; row += 1) {
      const key = keys[row]!;
      index.set(key, row);
      offsets[row + 1] = offsets[row]! + (sizes.current.get(key) ?? estimate);
    }
    return { keys, offsets, index, total: offsets[keys.length]! };
    // `version` changes when measurements do.
  }, [items, keyOf, estimate, version]);

  const firstAt = useCallback(
    (y: number) => {
      let low = 0;
      let high = layout.keys.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (layout.offsets[middle + 1]! <= y) low = middle + 1;
        else high = middle;
      }
      return low;
    },
    [layout],
  );

  const rememberAnchor = useCallback(
    (top: number) => {
      const first = firstAt(top);
      const key = layout.keys[first];
      anchor.current = key === undefined ? null : { key, delta: layout.offsets[first]! - top };
    },
    [firstAt, layout],
  );

  const observer = useMemo(
    () =>
      new ResizeObserver((entries) => {
        let changed = false;
        for (const entry of entries) {
          const element = entry.target as HTMLElement;
          const key = element.dataset.key;
          if (!key || !element.isConnected) continue;
          const size = Math.ceil(entry.borderBoxSize[0]?.blockSize ?? element.offsetHeight);
          if (size > 0 && sizes.current.get(key) !== size) {
            sizes.current.set(key, size);
            changed = true;
          }
        }
        if (changed) setVersion((value) => value + 1);
      }),
    [],
  );
  useEffect(() => () => observer.disconnect(), [observer]);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const resize = new ResizeObserver(() => setHeight(element.clientHeight));
    resize.observe(element);
    setHeight(element.clientHeight);
    return () => resize.disconnect();
  }, []);

  // After every layout change: stay at the bottom, or keep the anchored row where it was.
  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    if (atBottom.current) {
      element.scrollTop = element.scrollHeight;
    } else if (anchor.current) {
      const row = layout.index.get(anchor.current.key);
      if (row !== undefined) {
        const wanted = layout.offsets[row]! - anchor.current.delta;
        if (Math.abs(element.scrollTop - wanted) >= 1) element.scrollTop = wanted;
      }
    }
    if (element.scrollTop !== scrollTop) setScrollTop(element.scrollTop);
  }, [layout, height, scrollTop]);

  const onScroll = () => {
    const element = viewport.current;
    if (!element) return;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight <= bottomSlackPx;
    rememberAnchor(element.scrollTop);
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      setScrollTop(element.scrollTop);
      setAwayFromBottom(!atBottom.current);
      if (element.scrollTop < overscanPx && onNearTop) onNearTop();
    });
  };

  const jump = () => {
    const element = viewport.current;
    if (!element) return;
    atBottom.current = true;
    element.scrollTop = element.scrollHeight;
    setAwayFromBottom(false);
  };

  const start = Math.max(0, firstAt(scrollTop - overscanPx));
  const end = Math.min(layout.keys.length, firstAt(scrollTop + height + overscanPx) + 1);
  const rows: ReactNode[] = [];
  for (let row = start; row < end; row += 1) {
    const item = items[row]!;
    const key = layout.keys[row]!;
    rows.push(
      <div
        key={key}
        data-key={key}
        className="virtual-row"
        role="listitem"
        style={{ transform: `translateY(${layout.offsets[row]}px)` }}
        ref={(element) => {
          if (!element) return;
          observer.observe(element);
          return () => observer.unobserve(element);
        }}
      >
        {render(item)}
      </div>,
    );
  }

  return (
    <div className="virtual-wrap">
      <div ref={viewport} className="virtual-viewport" onScroll={onScroll}>
        <div className="virtual-canvas" style={{ height: layout.total }} role="list" aria-label={label}>
          <div className="virtual-header" style={{ height: headerHeight }}>
            {header}
          </div>
          {rows}
        </div>
      </div>
      {awayFromBottom && renderJump ? renderJump(jump) : null}
    </div>
  );
}
