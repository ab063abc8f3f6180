import { describe, expect, it } from 'vitest';
import { RoomPace } from './room-pace.js';

/** Whether each message at these times (ms) found the room busy. */
function busyAt(holdMs: number, times: number[]): boolean[] {
  const pace = new RoomPace(holdMs);
  return times.map((t) => pace.busy(t));
}

describe('room pace', () => {
  it('never finds a room busy that gets two messages at once every 250 ms', () => {
    const times = Array.from({ length: 40 }, (_, i) => Math.floor(i / 2) * 250 + (i % 2) * 0.5);
    expect(busyAt(10, times).some(Boolean)).toBe(false);
  });

  it('finds a room busy within a few messages once it gets more than one per hold', () => {
    const every5ms = busyAt(10, Array.from({ length: 50 }, (_, i) => i * 5));
    expect(every5ms.slice(0, 4).some(Boolean)).toBe(false);
    expect(every5ms.slice(10).every(Boolean)).toBe(true);
    // One per 20 ms is half the rate a hold of 10 ms pays off at.
    expect(busyAt(10, Array.from({ length: 50 }, (_, i) => i * 20)).some(Boolean)).toBe(false);
  });

  it('finds a busy room quiet again a few holds after its burst', () => {
    const pace = new RoomPace(10);
    for (let i = 0; i < 20; i++) pace.busy(i);
    expect(pace.busy(20)).toBe(true);
    expect(pace.busy(200)).toBe(false);
  });

  it('never holds with a hold of 0', () => {
    expect(busyAt(0, [0, 0, 0, 0, 0, 0, 0, 0]).some(Boolean)).toBe(false);
  });
});
