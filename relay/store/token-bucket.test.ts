import { describe, expect, it } from 'vitest';
import { fullBucket, takeToken } from './token-bucket.js';

describe('takeToken', () => {
  it('takes from a full bucket until empty, refills at the rate, and updates the bucket in place', () => {
    const bucket = fullBucket(2, 1000);
    expect([takeToken(bucket, 1000, 4, 2), takeToken(bucket, 1000, 4, 2), takeToken(bucket, 1000, 4, 2)]).toEqual([true, true, false]);
    expect(bucket).toEqual({ tokens: 0, at: 1000 });
    // 4 per second: one token after 250 ms, never more than the burst.
    expect(takeToken(bucket, 1200, 4, 2)).toBe(false);
    expect(bucket.tokens).toBeCloseTo(0.8);
    expect(takeToken(bucket, 1250, 4, 2)).toBe(true);
    expect(takeToken(bucket, 60_000, 4, 2)).toBe(true);
    expect(bucket).toEqual({ tokens: 1, at: 60_000 });
  });

  it('does not refill backwards when the clock steps back', () => {
    const bucket = { tokens: 0.5, at: 5000 };
    expect(takeToken(bucket, 4000, 4, 2)).toBe(false);
    expect(bucket).toEqual({ tokens: 0.5, at: 4000 });
  });
});
