import type { LuaScripts } from './lua-scripts.js';

/**
 * The per-user send rate limit on a Redis Cluster (lua/token-bucket.lua), a step of its own
 * before a room's append script: the bucket is per user and the append per room, so they sit on
 * different shards and cannot share one script. (On one Redis the append scripts take the token
 * inline, bucket-step.lua: one round trip per send instead of two.) What the step costs:
 *
 * - The token is taken before the append decides. An append that then fails (Redis error,
 *   timeout, a relay dying in between) has cost its sender one token: harmless, the bucket
 *   refills at ratePerSec, and the client's retry is answered as the duplicate it is.
 * - Checks that come before the rate limit inside the script (a duplicate, a gone target, a
 *   forbidden edit…) never cost a token: the relay gives it back. Between taking and giving back,
 *   a concurrent send of the same user sees one token fewer than it would have: at worst it is
 *   refused as rate_limited once, as if it had come a moment earlier.
 */
export class RedisRateLimit {
  constructor(
    private readonly scripts: LuaScripts,
    private readonly prefix: string,
    private readonly ratePerSec: number,
    private readonly burst: number,
  ) {}

  /** True when the user had a token left (now taken). */
  async take(userId: string): Promise<boolean> {
    return (await this.run(userId, '1')) === 1;
  }

  async giveBack(userId: string): Promise<void> {
    await this.run(userId, '0');
  }

  /** The user's bucket, for the append scripts that take the token inline (on one Redis). */
  bucketOf(userId: string): string {
    return `${this.prefix}bucket:${userId}`;
  }

  private run(userId: string, take: '1' | '0'): Promise<number> {
    return this.scripts.run('tokenBucket', { bucket: this.bucketOf(userId), ratePerSec: this.ratePerSec, burst: this.burst, take });
  }
}
