/**
 * Windowed rendering: which rows to put in the DOM for a scroll position. Heights are measured
 * once a row has rendered and estimated before, so 10,000 messages cost a few dozen DOM nodes.
 */
export interface WindowRange {
  start: number;
  /** Exclusive. */
  end: number;
  padTop: number;
  padBottom: number;
  total: number;
}

/** offsets[i] = top of row i; offsets[n] = total height. */
export function prefixOffsets(heights: readonly number[]): Float64Array {
  const offsets = new Float64Array(heights.length + 1);
  for (let i = 0; i < heights.length; i++) offsets[i + 1] = (offsets[i] as number) + (heights[i] as number);
  return offsets;
}

/** First index i with offsets[i + 1] > y (the row containing y). */
export function rowAt(offsets: Float64Array, y: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((offsets[mid + 1] as number) > y) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function visibleWindow(offsets: Float64Array, scrollTop: number, viewport: number, overscan = 600): WindowRange {
  const count = offsets.length - 1;
  const total = offsets[count] as number;
  if (count === 0) return { start: 0, end: 0, padTop: 0, padBottom: 0, total };
  const top = Math.max(0, Math.min(scrollTop, total - viewport) - overscan);
  const bottom = Math.max(0, scrollTop) + viewport + overscan;
  const start = Math.min(rowAt(offsets, top), count - 1);
  const end = Math.min(count, rowAt(offsets, bottom) + 1);
  return { start, end, padTop: offsets[start] as number, padBottom: total - (offsets[end] as number), total };
}

/**
 * The same for rows of one height (the online list): no measuring, so a list of 10,000 people
 * costs a few dozen DOM nodes and no per-row bookkeeping. `overscan` is in rows.
 */
export function fixedRowWindow(count: number, rowHeight: number, scrollTop: number, viewport: number, overscan = 10): WindowRange {
  const total = count * rowHeight;
  const top = Math.max(0, scrollTop);
  const start = Math.max(0, Math.min(Math.floor(top / rowHeight), count) - overscan);
  // The row cut by the bottom edge counts as visible.
  const end = Math.min(count, Math.ceil((top + Math.max(0, viewport)) / rowHeight) + overscan);
  return { start, end, padTop: start * rowHeight, padBottom: total - end * rowHeight, total };
}
