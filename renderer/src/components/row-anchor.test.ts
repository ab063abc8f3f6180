import { describe, expect, it } from 'vitest';
import { anchoredScrollTop } from './row-anchor.js';

const rows = (...ids: string[]) => ids.map((id) => ({ id }));
const ROW = 28;

describe('anchoredScrollTop', () => {
  const before = rows('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');

  it('keeps the top visible row in place when rows above it left or came', () => {
    // "d" was the top row (scrolled 3 rows and 10 px); "a" and "b" left, "x" came before "c".
    const after = rows('x', 'c', 'd', 'e', 'f', 'g', 'h');
    expect(anchoredScrollTop(before, after, 3 * ROW + 10, ROW)).toBe(2 * ROW + 10);
  });

  it('keeps the next row still listed in place when the top row itself left', () => {
    const after = rows('a', 'b', 'c', 'f', 'g', 'h');
    // "d" (top) and "e" left: "f" was 2 rows below the top, and stays 2 rows below it.
    expect(anchoredScrollTop(before, after, 3 * ROW, ROW)).toBe(1 * ROW);
  });

  it('stays at the very top, so newcomers who sort first are seen', () => {
    expect(anchoredScrollTop(before, rows('new', ...'abcdefgh'), 0, ROW)).toBe(0);
  });

  it('leaves the position alone when none of the rows shown is listed any more', () => {
    expect(anchoredScrollTop(before, rows('p', 'q'), 5 * ROW, ROW)).toBe(5 * ROW);
  });
});
