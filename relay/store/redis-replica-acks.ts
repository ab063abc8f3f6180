import { Cluster, type Redis } from 'ioredis';
import { keySlot } from '../redis/key-slot.js';
import type { RedisClient } from '../redis/redis-connection.js';
import { REPLICA_ACK_TIMEOUT_MS, REPLICA_POLL_MS } from './message-store.js';
import type { LuaScriptInput, LuaScriptName, LuaScriptReplies, LuaScripts } from './lua-scripts.js';

/** The one primary of a single Redis or Sentinel set-up. */
const ONLY_PRIMARY = 'primary';

/**
 * REDIS_REPLICA_ACKS: a write is acked only once this many replicas of its primary have it
 * (WAIT), so a failover to one of them cannot lose an acked message. WAIT blocks its connection
 * until enough replicas confirm, so asking for a replica that is not there (after a failover,
 * before a new one joins) would stall every command behind it. Each primary's replica count is
 * polled instead, and WAIT asks for what its shard can give: a shard left without a replica
 * acks once its primary has the write (degraded, and logged by the relay); the others still wait.
 *
 * WAIT counts the replicas that have the writes of its own connection, so it follows the write in
 * one pipeline: with a Redis Cluster the pipeline goes to the node owning the write's slot (its
 * keys), WAIT with it.
 */
export class RedisReplicaAcks {
  /** Connected replicas per primary ('host:port' in a cluster), as each last reported. */
  private readonly connected = new Map<string, number>();
  private watch: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: RedisClient,
    private readonly scripts: LuaScripts,
    private readonly wanted: number,
  ) {}

  start(): Promise<void> {
    if (this.wanted === 0) return Promise.resolve();
    this.watch = setInterval(() => void this.refresh().catch(() => undefined), REPLICA_POLL_MS);
    this.watch.unref();
    return this.refresh().catch(() => undefined);
  }

  stop(): void {
    clearInterval(this.watch);
  }

  /** How many replicas a write to `key` waits for. */
  replicasFor(key: string): number {
    return Math.min(this.wanted, this.connected.get(this.primaryOf(key)) ?? 0);
  }

  /** Runs the script (its first key names the slot), followed in the same round trip by WAIT when replicas must confirm. */
  async run<N extends LuaScriptName>(name: N, input: LuaScriptInput<N>, key: string): Promise<LuaScriptReplies[N]> {
    const replicas = this.replicasFor(key);
    if (replicas === 0) return this.scripts.run(name, input);
    const pipeline = this.redis.pipeline();
    this.scripts.queue(pipeline, name, input);
    pipeline.wait(replicas, REPLICA_ACK_TIMEOUT_MS);
    type Reply<T> = [Error | null, T];
    const [[scriptError, result], [waitError, confirmed]] = (await pipeline.exec()) as [Reply<LuaScriptReplies[N]>, Reply<number>];
    if (scriptError) throw scriptError;
    // A duplicate is checked too: its first attempt may have been stored but never confirmed.
    // So is an unchanged reaction: the change that made it hold may not be confirmed yet.
    if (Array.isArray(result) && result.length > 1 && (waitError || confirmed < replicas)) {
      // Stored on the primary but not yet confirmed by a replica: not acked. The client's retry
      // with the same clientId gets it as a duplicate once the replica has caught up.
      // Fewer replicas answered than were counted (a failover took one): stop asking this shard
      // for more at once, or every later WAIT would block the connection for its whole timeout.
      if (!waitError) this.connected.set(this.primaryOf(key), Math.min(this.connected.get(this.primaryOf(key)) ?? 0, confirmed));
      throw new Error(`only ${confirmed} of ${replicas} Redis replicas confirmed the message`);
    }
    return result;
  }

  private async refresh(): Promise<void> {
    const primaries: Array<[string, Redis | RedisClient]> =
      this.redis instanceof Cluster
        ? this.redis.nodes('master').map((node) => [`${node.options.host}:${node.options.port}`, node])
        : [[ONLY_PRIMARY, this.redis]];
    await Promise.all(
      primaries.map(async ([name, node]) => {
        const info = await node.info('replication');
        this.connected.set(name, Number(/connected_slaves:(\d+)/.exec(info)?.[1] ?? 0));
      }),
    );
  }

  /** The primary a key's writes go to, as the cluster client's slot map has it. */
  private primaryOf(key: string): string {
    return this.redis instanceof Cluster ? (this.redis.slots[keySlot(key)]?.[0] ?? '') : ONLY_PRIMARY;
  }
}
