import { describe, expect, it } from 'vitest';
import { keySlot } from '../redis/key-slot.js';
import { RedisRoomKeys } from './redis-room-keys.js';

describe('RedisRoomKeys', () => {
  it('names every key of a room with the room as its hash tag, so they share its slot', () => {
    const names = new RedisRoomKeys('relay:').of('team-α');
    expect(names).toEqual({
      meta: 'relay:room:{team-α}:meta',
      log: 'relay:room:{team-α}:log',
      ids: 'relay:room:{team-α}:ids',
      state: 'relay:room:{team-α}:state',
      reads: 'relay:room:{team-α}:reads',
      advance: 'relay:room:{team-α}:advance',
      dedupe: 'relay:room:{team-α}:dedupe',
    });
    for (const name of Object.values(names)) expect(keySlot(name)).toBe(keySlot('team-α'));
  });

  it('makes them once per room, and starts over past its bound instead of growing', () => {
    const keys = new RedisRoomKeys('p:');
    const first = keys.of('a');
    expect(keys.of('a')).toBe(first);
    for (let i = 0; i < 2_000; i++) keys.of(`room-${i}`);
    expect(keys.of('a')).not.toBe(first);
    expect(keys.of('a')).toEqual(first);
  });
});
