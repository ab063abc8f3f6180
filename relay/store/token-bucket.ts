/**
 * The per-user send limit, as plain arithmetic so the memory store and the Redis Lua script
 * (which mirrors it line by line) agree. Tokens refill continuously at `ratePerSec` up to `burst`.
 */
export interface Bucket {
  tokens: number;
  at: number;
}

export function takeToken(bucket: Bucket | undefined, now: number, ratePerSec: number, burst: number): { allowed: boolean; bucket: Bucket } {
  const previous = bucket ?? { tokens: burst, at: now };
  const tokens = Math.min(burst, previous.tokens + (Math.max(0, now - previous.at) * ratePerSec) / 1000);
  if (tokens < 1) return { allowed: false, bucket: { tokens, at: now } };
  return { allowed: true, bucket: { tokens: tokens - 1, at: now } };
}
