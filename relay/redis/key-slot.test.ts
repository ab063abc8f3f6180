import { describe, expect, it } from 'vitest';
import { keySlot } from './key-slot.js';

describe('keySlot', () => {
  // Values from Redis Cluster's specification and CLUSTER KEYSLOT on Redis 7.
  it('computes CLUSTER KEYSLOT, hashing only a non-empty hash tag', () => {
    expect(keySlot('123456789')).toBe(12_739);
    expect(keySlot('foo')).toBe(12_182);
    expect(keySlot('somekey')).toBe(11_058);
    expect(keySlot('lobby')).toBe(10_294);
    expect(keySlot('relay:room:{lobby}:meta')).toBe(10_294);
    expect(keySlot('{user1000}.following')).toBe(keySlot('{user1000}.followers'));
    // An empty tag does not count: the whole key is hashed.
    expect(keySlot('foo{}{bar}')).toBe(8363);
  });
});
