import { z } from 'zod';
import { readJsonFile, writeJsonFileAtomic } from './json-file.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** The normal (not maximized) bounds, so un-maximizing after a restart lands somewhere sensible. */
  bounds: Rect;
  maximized: boolean;
}

const int = z.number().int().min(-100_000).max(100_000);
export const windowStateSchema = z.object({
  bounds: z.object({ x: int, y: int, width: int.positive(), height: int.positive() }),
  maximized: z.boolean(),
});

export const DEFAULT_SIZE = { width: 1100, height: 760 } as const;
export const MIN_SIZE = { width: 420, height: 360 } as const;

function overlapArea(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function fitSize(wanted: number, minimum: number, available: number): number {
  return Math.min(Math.max(wanted, minimum), available);
}

function centeredIn(area: Rect, width: number, height: number): Rect {
  return {
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
    width,
    height,
  };
}

/**
 * Where to open the window, given what was saved and the displays there are now (their work
 * areas, i.e. without task bars and docks). A monitor may have been unplugged or rearranged
 * since the window was closed: the window goes to the display it overlaps most and is moved
 * and shrunk until it lies fully inside that display's work area, so its title bar is always
 * reachable. A window that overlaps no display any more opens centred on the primary one.
 */
export function placeWindow(saved: WindowState | undefined, workAreas: readonly Rect[], primary: Rect): WindowState {
  if (saved === undefined) {
    const width = fitSize(DEFAULT_SIZE.width, MIN_SIZE.width, primary.width);
    const height = fitSize(DEFAULT_SIZE.height, MIN_SIZE.height, primary.height);
    return { bounds: centeredIn(primary, width, height), maximized: false };
  }

  let target: Rect | undefined;
  let best = 0;
  for (const area of workAreas) {
    const overlap = overlapArea(saved.bounds, area);
    if (overlap > best) {
      best = overlap;
      target = area;
    }
  }

  const area = target ?? primary;
  const width = fitSize(saved.bounds.width, MIN_SIZE.width, area.width);
  const height = fitSize(saved.bounds.height, MIN_SIZE.height, area.height);
  if (target === undefined) return { bounds: centeredIn(area, width, height), maximized: saved.maximized };
  return {
    bounds: {
      x: clamp(saved.bounds.x, area.x, area.x + area.width - width),
      y: clamp(saved.bounds.y, area.y, area.y + area.height - height),
      width,
      height,
    },
    maximized: saved.maximized,
  };
}

/** The saved state, or undefined when there is none or it is unusable (then defaults apply). */
export async function loadWindowState(file: string): Promise<WindowState | undefined> {
  try {
    const parsed = windowStateSchema.safeParse(await readJsonFile(file));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function saveWindowState(file: string, state: WindowState): Promise<void> {
  return writeJsonFileAtomic(file, state);
}
