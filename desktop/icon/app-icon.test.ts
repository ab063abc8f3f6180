import { describe, expect, it } from 'vitest';
import { drawAppIcon, drawUnreadDot } from './app-icon.js';

function pixel(rgba: Uint8Array, size: number, x: number, y: number): number[] {
  const offset = (y * size + x) * 4;
  return Array.from(rgba.subarray(offset, offset + 4));
}

describe('drawAppIcon', () => {
  it('is a blue disc with a white bubble on a transparent background', () => {
    const size = 64;
    const icon = drawAppIcon(size);
    expect(icon.length).toBe(size * size * 4);
    expect(pixel(icon, size, 0, 0)[3]).toBe(0);
    expect(pixel(icon, size, 32, 6)).toEqual([59, 110, 245, 255]);
    expect(pixel(icon, size, 20, 24)).toEqual([255, 255, 255, 255]);
  });

  it('has soft (partly transparent) edges rather than jagged ones', () => {
    const icon = drawAppIcon(64);
    const alphas = new Set<number>();
    for (let i = 3; i < icon.length; i += 4) alphas.add(icon[i]!);
    expect([...alphas].some((a) => a > 0 && a < 255)).toBe(true);
  });
});

describe('drawUnreadDot', () => {
  it('is a red dot', () => {
    const dot = drawUnreadDot(16);
    expect(pixel(dot, 16, 8, 8)).toEqual([222, 53, 53, 255]);
    expect(pixel(dot, 16, 0, 0)[3]).toBe(0);
  });
});
