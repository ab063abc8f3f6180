import { fullBucket, takeToken, type Bucket } from '../store/token-bucket.js';

/**
 * Token buckets kept in this process, for limits that protect this replica (joins per
 * connection, renames per user). Idle buckets are forgotten so the map stays small.
 */
export class LocalRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;

  constructor(private readonly ratePerSec: number, private readonly burst: number, private readonly now: () => number = Date.now) {}

  take(key: string): boolean {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = fullBucket(this.burst, now)));
    const allowed = takeToken(bucket, now, this.ratePerSec, this.burst);
    if (now - this.lastSweep > 60_000) this.sweep(now);
    return allowed;
  }

  /** How long until `key` may take a token again (0 when it may now). */
  waitMs(key: string): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const tokens = Math.min(this.burst, bucket.tokens + (Math.max(0, this.now() - bucket.at) * this.ratePerSec) / 1000);
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / this.ratePerSec) * 1000);
  }

  forget(key: string): void {
    this.buckets.delete(key);
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    // A bucket untouched long enough to be full again carries no information.
    const refillMs = (this.burst / this.ratePerSec) * 1000;
    for (const [key, bucket] of this.buckets) if (now - bucket.at > refillMs) this.buckets.delete(key);
  }
}
