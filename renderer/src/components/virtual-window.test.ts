import { describe, expect, it } from 'vitest';
import { fixedRowWindow, prefixOffsets, visibleWindow } from './virtual-window.js';

describe('visibleWindow', () => {
  const heights = Array.from({ length: 10_000 }, (_, i) => (i % 3 === 0 ? 80 : 40));
  const offsets = prefixOffsets(heights);

  it('renders a few dozen of 10,000 rows and pads the rest, keeping the total height', () => {
    const total = offsets[10_000] as number;
    const win = visibleWindow(offsets, total - 800, 800, 400);
    expect(win.end).toBe(10_000);
    expect(win.end - win.start).toBeLessThan(60);
    expect(win.padTop + (offsets[win.end]! - offsets[win.start]!) + win.padBottom).toBe(total);
  });

  it('covers the whole viewport in the middle of the list', () => {
    const scrollTop = 200_000;
    const win = visibleWindow(offsets, scrollTop, 700, 0);
    expect(offsets[win.start]).toBeLessThanOrEqual(scrollTop);
    expect(offsets[win.end]).toBeGreaterThanOrEqual(scrollTop + 700);
  });

  it('handles an empty list and a list shorter than the viewport', () => {
    expect(visibleWindow(prefixOffsets([]), 0, 500)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0, total: 0 });
    expect(visibleWindow(prefixOffsets([30, 30]), 0, 500)).toMatchObject({ start: 0, end: 2, padTop: 0, padBottom: 0 });
  });
});

describe('fixedRowWindow', () => {
  it('renders the rows in view plus a margin, and pads the rest to the full height', () => {
    const win = fixedRowWindow(10_000, 28, 28 * 5000 + 10, 560, 10);
    expect([win.start, win.end]).toEqual([4990, 5031]);
    expect(win.padTop + (win.end - win.start) * 28 + win.padBottom).toBe(280_000);
  });

  it('copes with the ends, an empty list and an unmeasured viewport', () => {
    expect(fixedRowWindow(50, 28, 0, 560, 10)).toMatchObject({ start: 0, end: 30, padTop: 0 });
    expect(fixedRowWindow(50, 28, 99_999, 560, 10)).toMatchObject({ start: 40, end: 50, padBottom: 0 });
    expect(fixedRowWindow(0, 28, 0, 560)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0, total: 0 });
    expect(fixedRowWindow(50, 28, 0, 0, 10)).toMatchObject({ start: 0, end: 10 });
  });
});
