/**
 * The per-user send limit, as plain arithmetic so the memory store and the Redis Lua script
 * (which mirrors it line by line) agree. Tokens refill continuously at `ratePerSec` up to `burst`.
 */
export interface Bucket {
  tokens: number;
  at: number;
}

/** A bucket first seen at `now`: full. */
export function fullBucket(burst: number, now: number): Bucket {
  return { tokens: burst, at: now };
}

/**
 * Refills `bucket` to `now` and takes a token when there is one; true when it did. Updated in
 * place: buckets live in long-lived maps, and one new object per send (as this made before)
 * was promoted out of the young generation only to die there (sender recency: every send).
 */
export function takeToken(bucket: Bucket, now: number, ratePerSec: number, burst: number): boolean {
  const tokens = Math.min(burst, bucket.tokens + (Math.max(0, now - bucket.at) * ratePerSec) / 1000);
  bucket.at = now;
  bucket.tokens = tokens < 1 ? tokens : tokens - 1;
  return tokens >= 1;
}
