import { describe, expect, it } from 'vitest';
import { CLIENT_ID_PATTERN } from '../../shared/index.js';
import { randomId } from './random-id.js';

describe('randomId', () => {
  it('gives 22-character base64url ids that the protocol accepts as message ids', () => {
    for (let i = 0; i < 1000; i++) {
      const id = randomId();
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(CLIENT_ID_PATTERN.test(id)).toBe(true);
    }
  });

  it('never repeats, across many refills of its random pool', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(randomId());
    expect(seen.size).toBe(100_000);
  });

  it('draws every id from fresh random bytes: each of the 128 bits is set about half the time', () => {
    const ids = 20_000;
    const ones = new Array<number>(128).fill(0);
    for (let i = 0; i < ids; i++) {
      const bytes = Buffer.from(randomId(), 'base64url');
      for (let bit = 0; bit < 128; bit++) ones[bit]! += (bytes[bit >> 3]! >> (bit & 7)) & 1;
    }
    // 20,000 fair coin flips: 0.5 ± 0.02 is more than 5 standard deviations (0.0035) wide.
    for (const count of ones) expect(Math.abs(count / ids - 0.5)).toBeLessThan(0.02);
  });
});
