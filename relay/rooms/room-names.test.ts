import { describe, expect, it } from 'vitest';
import { RoomNames } from './room-names.js';

describe('RoomNames', () => {
  it('behaves as a Set of strings through one room, several, and back', () => {
    const rooms = new RoomNames();
    expect([rooms.size, rooms.has('lobby'), [...rooms]]).toEqual([0, false, []]);
    expect(rooms.delete('lobby')).toBe(false);
    rooms.add('lobby').add('lobby');
    expect([rooms.size, rooms.has('lobby'), rooms.has('x'), [...rooms]]).toEqual([1, true, false, ['lobby']]);
    rooms.add('b').add('c').add('b');
    expect([rooms.size, [...rooms]]).toEqual([3, ['lobby', 'b', 'c']]);
    expect(rooms.delete('lobby')).toBe(true);
    expect(rooms.delete('lobby')).toBe(false);
    expect([rooms.size, rooms.has('b'), [...rooms]]).toEqual([2, true, ['b', 'c']]);
    rooms.clear();
    expect([rooms.size, [...rooms]]).toEqual([0, []]);
    rooms.add('x');
    expect(rooms.delete('y')).toBe(false);
    expect(rooms.delete('x')).toBe(true);
    expect([rooms.size, [...rooms]]).toEqual([0, []]);
  });

  it('can be emptied while iterated, as the session close does with a copy first', () => {
    const rooms = new RoomNames().add('a').add('b');
    const copy = [...rooms];
    rooms.clear();
    expect(copy).toEqual(['a', 'b']);
    expect(rooms.size).toBe(0);
  });
});
