import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, loadWindowState, MIN_SIZE, placeWindow, saveWindowState, type Rect } from './window-state.js';

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const leftMonitor: Rect = { x: -2560, y: 0, width: 2560, height: 1400 };
const saved = (bounds: Rect, maximized = false) => ({ bounds, maximized });

function inside(inner: Rect, outer: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

describe('placeWindow', () => {
  it('opens a first window at the default size, centred on the primary display', () => {
    expect(placeWindow(undefined, [laptop], laptop)).toEqual({
      bounds: { x: 410, y: 140, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height },
      maximized: false,
    });
  });

  it('puts a window back exactly where it was when it still fits', () => {
    const state = saved({ x: -2000, y: 100, width: 1200, height: 800 }, true);
    expect(placeWindow(state, [laptop, leftMonitor], laptop)).toEqual(state);
  });

  it('pulls a window that hangs over an edge back onto the display', () => {
    const placed = placeWindow(saved({ x: 1500, y: 900, width: 1000, height: 700 }), [laptop], laptop);
    expect(placed.bounds).toEqual({ x: 920, y: 340, width: 1000, height: 700 });
  });

  it('moves a window from an unplugged monitor to the primary display, centred', () => {
    const placed = placeWindow(saved({ x: -2000, y: 100, width: 1200, height: 800 }), [laptop], laptop);
    expect(placed.bounds).toEqual({ x: 360, y: 120, width: 1200, height: 800 });
  });

  it('chooses the display the window overlaps most', () => {
    const placed = placeWindow(saved({ x: -300, y: 50, width: 1000, height: 700 }), [laptop, leftMonitor], laptop);
    expect(placed.bounds).toEqual({ x: 0, y: 50, width: 1000, height: 700 });
  });

  it('shrinks a window larger than a smaller display, but not below the minimum', () => {
    const small: Rect = { x: 0, y: 0, width: 1280, height: 680 };
    expect(placeWindow(saved({ x: 0, y: 0, width: 2400, height: 1300 }), [small], small).bounds).toEqual({
      x: 0,
      y: 0,
      width: 1280,
      height: 680,
    });
    expect(placeWindow(saved({ x: 10, y: 10, width: 50, height: 40 }), [laptop], laptop).bounds).toMatchObject({
      width: MIN_SIZE.width,
      height: MIN_SIZE.height,
    });
  });

  it('always lands fully on some display, whatever was saved', () => {
    const displays = [laptop, leftMonitor, { x: 1920, y: -600, width: 1080, height: 1880 }];
    const anyBounds = fc.record({
      x: fc.integer({ min: -6000, max: 6000 }),
      y: fc.integer({ min: -3000, max: 3000 }),
      width: fc.integer({ min: 1, max: 4000 }),
      height: fc.integer({ min: 1, max: 3000 }),
    });
    fc.assert(
      fc.property(anyBounds, (bounds) => {
        const placed = placeWindow(saved(bounds), displays, laptop).bounds;
        expect(displays.some((d) => inside(placed, d))).toBe(true);
      }),
    );
  });
});

describe('window state file', () => {
  it('round-trips, and ignores a missing or malformed file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'window-state-'));
    try {
      const file = join(dir, 'window-state.json');
      expect(await loadWindowState(file)).toBeUndefined();
      const state = saved({ x: 5, y: 6, width: 800, height: 600 }, true);
      await saveWindowState(file, state);
      expect(await loadWindowState(file)).toEqual(state);
      await writeFile(file, JSON.stringify({ bounds: { x: 'left' }, maximized: true }));
      expect(await loadWindowState(file)).toBeUndefined();
      await writeFile(file, '{');
      expect(await loadWindowState(file)).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
