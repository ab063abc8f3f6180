import { describe, expect, it } from 'vitest';
import { RoomCursor } from './room-cursor.js';

describe('RoomCursor', () => {
  it('holds every seq in order from its base, and calls a repeat known', () => {
    const cursor = new RoomCursor(4, 'e1');
    expect(cursor.arrive(5)).toBe('new');
    expect(cursor.arrive(6)).toBe('new');
    expect(cursor.held).toBe(6);
    expect(cursor.arrive(6)).toBe('known');
    expect(cursor.arrive(3)).toBe('known'); // before the client joined
  });

  it('keeps messages that skip ahead until the gap is filled, so `held` is a safe `since`', () => {
    const cursor = new RoomCursor(0, 'e1');
    expect(cursor.arrive(1)).toBe('new');
    expect(cursor.arrive(3)).toBe('gap');
    expect(cursor.arrive(4)).toBe('gap');
    expect(cursor.held).toBe(1);
    expect(cursor.hasGap).toBe(true);
    expect(cursor.arrive(3)).toBe('known'); // the resume answer overlaps what arrived live
    expect(cursor.arrive(2)).toBe('new');
    expect(cursor.held).toBe(4);
    expect(cursor.hasGap).toBe(false);
  });
});
