import type { LuaScripts } from './lua-scripts.js';

/** The burst the protocol promises whatever the configuration (protocol.md "Limits"; MESSAGE_BURST's floor). */
const CONTRACT_BURST = 20;
/** Tokens one replica may hold ahead for one user: enough to keep the bucket off the send path. */
const MAX_SPARE = 2;
/** How many replicas may hold spares for the same user at once and still leave the contract's burst. */
const SPARE_REPLICAS = 5;
/** Spares of a user who stopped sending here go back to the bucket after this long. */
export const SPARE_IDLE_MS = 1000;

/** Tokens taken from a user's bucket ahead of the sends that will use them. */
interface Spares {
  tokens: number;
  /** The user's one request to the bucket in flight: a send without a spare waits for it. */
  topUp: Promise<number> | undefined;
  lastUsed: number;
  /** The last take got fewer than it asked for: the bucket runs low, so no top-up until a send needs one. */
  low: boolean;
  /**
   * The user sent here again before these spares were given back for idleness: worth holding
   * spares for. The first send after a pause takes its one token only (see `take`).
   */
  active: boolean;
}

/**
 * The per-user send rate limit on a Redis Cluster (lua/token-bucket.lua), a step of its own
 * before a room's append script: the bucket is per user and the append per room, so they sit on
 * different shards and cannot share one script. (On one Redis or Sentinel the append scripts take
 * the token inline instead, bucket-step.lua: exact, and no step at all.) What the step costs:
 *
 * - The token is taken before the append decides. An append that then fails (Redis error,
 *   timeout, a relay dying in between) has cost its sender one token: harmless, the bucket
 *   refills at ratePerSec, and the client's retry is answered as the duplicate it is.
 * - Checks that come before the rate limit inside the script (a duplicate, a gone target, a
 *   forbidden edit…) never cost a token: the token goes back (kept as a spare, below).
 *
 * Spares: a round trip to the bucket before every append would put a second Redis hop (on
 * another shard) between a send and its delivery, and under load each hop waits its turn. So
 * once a user sends here again within SPARE_IDLE_MS of a send, a replica takes up to `spare`
 * tokens more than it needs and the user's next sends here use them; the bucket is topped up in
 * the background when they run out. (The first send after a pause takes its own token only: for
 * a user who sends now and then, one script per send instead of a take and a give-back.)
 * Tokens are still taken from the one bucket before any send uses them, so a user never sends
 * more than the bucket allows, across replicas. What spares cost:
 *
 * - Tokens held here are missing from the bucket for the user's sends through other replicas.
 *   Spares are only held when the configured burst exceeds the contract's by SPARE_REPLICAS ×
 *   `spare` (the default 30 leaves 10: 2 each), so the promised burst of 20 stays available even
 *   with spares held on that many replicas; a smaller configured burst holds none.
 * - A user who stops sending here gets the spares given back after SPARE_IDLE_MS. Within that
 *   second the bucket may refill while spares are still held: a user may then send up to `spare`
 *   more than the burst through this replica, once.
 */
export class RedisRateLimit {
  private readonly spare: number;
  private readonly held = new Map<string, Spares>();
  private readonly idleSweep: NodeJS.Timeout | undefined;

  constructor(
    private readonly scripts: LuaScripts,
    private readonly prefix: string,
    private readonly ratePerSec: number,
    private readonly burst: number,
  ) {
    this.spare = Math.max(0, Math.min(MAX_SPARE, Math.floor((burst - CONTRACT_BURST) / SPARE_REPLICAS)));
    if (this.spare > 0) {
      this.idleSweep = setInterval(() => this.returnIdle(), SPARE_IDLE_MS);
      this.idleSweep.unref();
    }
  }

  /**
   * True when the user had a token left (now taken). Sends that find no spare wait for the one
   * request to the bucket in flight for their user and share what it brings, rather than each
   * asking for 1 + spare: many sends at once (a flood, an outbox flushing after a reconnect) would
   * otherwise empty the bucket into spares that those very sends were refused for.
   */
  async take(userId: string): Promise<boolean> {
    if (this.spare === 0) return (await this.run(userId, 1)) === 1;
    let spares = this.held.get(userId);
    if (spares) {
      spares.active = true;
    } else {
      spares = { tokens: 0, topUp: undefined, lastUsed: performance.now(), low: false, active: false };
      this.held.set(userId, spares);
    }
    for (;;) {
      if (spares.tokens > 0) {
        spares.tokens--;
        spares.lastUsed = performance.now();
        if (spares.tokens === 0 && spares.active && !spares.topUp && !spares.low) this.topUp(userId, spares, this.spare).catch(() => undefined);
        return true;
      }
      // A failed request fails the sends waiting for it (unavailable), never as rate_limited.
      // The first send after a pause asks for its own token only: most people send now and then,
      // and spares taken for them would go back unused a second later, one more script per send
      // (a take of 1 + spare, then a give-back) where one does.
      const taken = await (spares.topUp ?? this.topUp(userId, spares, spares.active ? 1 + this.spare : 1));
      if (taken === 0 && spares.tokens === 0) return false;
    }
  }

  /** A token taken for an entry that a check before the rate limit refused. */
  async giveBack(userId: string): Promise<void> {
    const spares = this.spare > 0 ? this.held.get(userId) : undefined;
    if (spares) {
      spares.tokens++;
      return;
    }
    await this.run(userId, -1);
  }

  /** Gives every spare back (the store closes). */
  async close(): Promise<void> {
    clearInterval(this.idleSweep);
    const returning = [...this.held].filter(([, spares]) => spares.tokens > 0);
    this.held.clear();
    await Promise.all(
      returning.map(([userId, spares]) => {
        const count = spares.tokens;
        spares.tokens = 0;
        return this.run(userId, -count).catch(() => undefined);
      }),
    );
  }

  /** Asks the bucket for up to `count` more tokens, as the user's one request in flight; resolves with how many came. */
  private topUp(userId: string, spares: Spares, count: number): Promise<number> {
    const request = this.run(userId, count)
      .then((taken) => {
        spares.tokens += taken;
        spares.low = taken < count;
        return taken;
      })
      .finally(() => {
        spares.topUp = undefined;
      });
    spares.topUp = request;
    return request;
  }

  private returnIdle(): void {
    const idleSince = performance.now() - SPARE_IDLE_MS;
    for (const [userId, spares] of this.held) {
      if (spares.topUp || spares.lastUsed > idleSince) continue;
      this.held.delete(userId);
      const count = spares.tokens;
      spares.tokens = 0;
      if (count > 0) void this.run(userId, -count).catch(() => undefined);
    }
  }

  /** The user's bucket, for the append scripts that take the token inline (on one Redis). */
  bucketOf(userId: string): string {
    return `${this.prefix}bucket:${userId}`;
  }

  /** `take` > 0 takes up to that many tokens (how many it got), < 0 gives that many back. */
  private run(userId: string, take: number): Promise<number> {
    return this.scripts.run('tokenBucket', { bucket: this.bucketOf(userId), ratePerSec: this.ratePerSec, burst: this.burst, take });
  }
}
