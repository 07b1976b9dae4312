import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';

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
interface Layout {
  keys: string[];
  offsets: Float64Array;
  index: Map<string, number>;
  total: number;
}

/** The row at vertical position `y`. */
function rowAt(layout: Layout, y: number): number {
  let low = 0;
  let high = layout.keys.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (layout.offsets[middle + 1]! <= y) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function VirtualList<T>({ items, keyOf, render, estimate, onNearTop, header, label, renderJump }: VirtualListProps<T>) {
  const viewport = useRef<HTMLDivElement>(null);
  const sizes = useRef(new Map<string, number>());
  const [version, setVersion] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(0);
  const [awayFromBottom, setAwayFromBottom] = useState(false);
  /** The layout and geometry the screen showed after the last commit. */
  const previous = useRef<{ layout: Layout; scrollHeight: number; clientHeight: number } | null>(null);
  const frame = useRef(0);

  const layout = useMemo<Layout>(() => {
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

  // After every commit: if the screen was at the bottom of what it showed before, stay at the
  // bottom; otherwise keep the row that was at the top of the screen exactly where it was. Both
  // are judged against the previous layout, so a scroll not yet reported by an event still counts.
  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const before = previous.current;
    if (!before) {
      element.scrollTop = element.scrollHeight;
    } else if (before.scrollHeight - element.scrollTop - before.clientHeight <= bottomSlackPx) {
      element.scrollTop = element.scrollHeight;
    } else if (before.layout !== layout) {
      const first = rowAt(before.layout, element.scrollTop);
      const key = before.layout.keys[first];
      const row = key === undefined ? undefined : layout.index.get(key);
      if (row !== undefined) {
        const delta = before.layout.offsets[first]! - element.scrollTop;
        element.scrollTop = layout.offsets[row]! - delta;
      }
    }
    previous.current = { layout, scrollHeight: element.scrollHeight, clientHeight: element.clientHeight };
    if (element.scrollTop !== scrollTop) setScrollTop(element.scrollTop);
  }, [layout, height, scrollTop]);

  const onScroll = () => {
    const element = viewport.current;
    if (!element) return;
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      setScrollTop(element.scrollTop);
      setAwayFromBottom(element.scrollHeight - element.scrollTop - element.clientHeight > bottomSlackPx);
      if (element.scrollTop < overscanPx && onNearTop) onNearTop();
    });
  };

  const jump = () => {
    const element = viewport.current;
    if (!element) return;
    element.scrollTop = element.scrollHeight;
    setAwayFromBottom(false);
  };

  const start = Math.max(0, rowAt(layout, scrollTop - overscanPx));
  const end = Math.min(layout.keys.length, rowAt(layout, scrollTop + height + overscanPx) + 1);
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
