import { Cluster, type Redis } from 'ioredis';
import { keySlot } from '../redis/key-slot.js';
import { nodeAddress } from '../redis/node-address.js';
import { nodeConnection } from '../redis/slot-owner.js';
import { scriptDidNotRun } from '../redis/script-then-wait.js';
import type { RedisClient } from '../redis/redis-connection.js';
import { REPLICA_ACK_TIMEOUT_MS, REPLICA_POLL_MS } from './message-store.js';
import type { LuaScriptInput, LuaScriptName, LuaScriptReplies, LuaScripts } from './lua-scripts.js';
import { onlineInRole, onlineReplicas, replicaLinkDown, replicasOfMyself } from './replica-links.js';
import { SentinelReplicas } from './sentinel-replicas.js';

/** How a primary acks: after its replicas confirm, on itself alone (none in sync), or not at all (one up but unlinked). */
export type ReplicaAckState = 'replicas' | 'primary_only' | 'refusing';

/** A primary whose ack state changed, and how many primaries are in each state now. */
export interface ReplicaAckChange {
  primary: string;
  state: ReplicaAckState;
  primaries: Record<ReplicaAckState, number>;
}

/** One command's reply in a pipeline's answer. */
type Reply<T> = [Error | null, T];

/** The one primary of a single Redis or Sentinel set-up. */
const ONLY_PRIMARY = 'primary';
/** How long a replica may take to answer whether it is linked; no answer counts as dead. */
const PROBE_TIMEOUT_MS = 300;

/**
 * REDIS_REPLICA_ACKS: a write is acked only once this many replicas of its primary have it
 * (WAIT), so a failover to one of them cannot lose an acked message. WAIT blocks its connection
 * until enough replicas confirm, so asking for a replica that is not there (after a failover,
 * before a new one joins) would stall every command behind it. Each primary's in-sync replicas
 * are polled instead, and WAIT asks for what its shard can give: a shard left without a replica
 * acks once its primary has the write (degraded: reported to `onChange`, which the relay logs
 * and counts); the others still wait.
 *
 * A replica can also be up but unlinked: its link to the primary broke and it has not resynced
 * yet. Redis Cluster still promotes such a replica when its primary dies (for up to
 * cluster-node-timeout × cluster-replica-validity-factor), without what it missed, so acking on
 * the primary alone then loses acked messages (measured: 122 in 1.5 s, the cluster store test).
 * So when a primary has fewer in-sync replicas than it could have (on a cluster: its view,
 * CLUSTER NODES, failed nodes left out; otherwise the replicas this relay saw in sync), the
 * missing ones are asked directly: one that answers "link down" makes the shard refuse to ack
 * (the client's retry with its clientId lands once the replica is back in sync, or once it is
 * failed and no longer listed or answering); one that does not answer is dead and cannot be
 * promoted, so the shard degrades as above. Until the next poll tells which, a WAIT that got
 * fewer confirmations than asked also refuses the shard's sends. Under Sentinel the replicas it
 * could promote are also asked of Sentinel (SENTINEL REPLICAS), so one this relay never saw in
 * sync (it started while the link was down) counts too.
 *
 * A shard counted without replicas asks its primary's ROLE after each write (runDegraded): a
 * replica back in sync is counted at the first write after its return, and that write waits for
 * it, instead of writes being acked on the primary alone until the next poll (should the replica
 * lose its link again in that second and then be promoted, they would be lost: 67–73 acked
 * messages in the cluster store test before this). Not covered: one Redis without Sentinel,
 * where no replica is promoted by itself, and only those seen in sync are known; and a replica
 * that returns and loses its link again before the shard's next write, whose writes until the
 * next poll are acked on the primary alone.
 *
 * WAIT counts the replicas that have the writes of its own connection, so it follows the write on
 * the connection to the write's primary (on a cluster, the node owning its keys' slot), in the
 * same round trip: two plain commands there (redis/script-then-wait.ts), or, should the script
 * not run there (the slot moved; Redis forgot the script), one pipeline through the client,
 * which follows the cluster's redirects. The WAIT is one per connection per turn, shared by the
 * turn's scripts there. Relay CPU per send with a replica in sync against a send without acks,
 * `npx tsx bench/degraded-ack-cost.ts --replica`, medians of 3 rounds: as one pipeline,
 * 3.43× and 3.31× (2026-12-02, 20 in flight); as plain commands with a WAIT each, 1.80×, 1.71×,
 * 2.03× (3 in flight, about what a relay runs per turn under bench (c)); with the turn's WAIT,
 * 1.17×, 1.22×, 1.24× (47–57 µs against 38–43; Redis 54–58 µs per send against 80–104).
 */
export class RedisReplicaAcks {
  /** In-sync replicas per primary ('host:port' in a cluster), as each last reported. */
  private readonly connected = new Map<string, number>();
  /**
   * Replicas in sync at the last poll, or unlinked since, per primary: on one Redis or Sentinel
   * the relay has no list of replicas, so one that drops out of its primary's INFO is asked
   * whether it is dead (forgotten) or up and unlinked (kept, and the primary refuses).
   */
  private readonly seen = new Map<string, Set<string>>();
  /** Primaries that must not ack now: a replica of theirs is up but unlinked, or a WAIT fell short since the last poll. */
  private readonly refusing = new Set<string>();
  /** Each primary's state as last reported to onChange. */
  private readonly states = new Map<string, ReplicaAckState>();
  private watch: NodeJS.Timeout | undefined;
  /** Under Sentinel (and only when acks are wanted): who could be promoted, as Sentinel knows it. */
  private sentinel: SentinelReplicas | undefined;

  constructor(
    private readonly redis: RedisClient,
    private readonly scripts: LuaScripts,
    private readonly wanted: number,
    /** Told when a primary starts acking on itself alone, refusing, or waiting for replicas again. */
    private readonly onChange: (change: ReplicaAckChange) => void = () => undefined,
    private readonly pollMs = REPLICA_POLL_MS,
  ) {}

  start(): Promise<void> {
    if (this.wanted === 0) return Promise.resolve();
    if (!(this.redis instanceof Cluster) && this.redis.options.sentinels?.length) this.sentinel = new SentinelReplicas(this.redis.options, PROBE_TIMEOUT_MS);
    this.watch = setInterval(() => void this.refresh().catch(() => undefined), this.pollMs);
    this.watch.unref();
    return this.refresh().catch(() => undefined);
  }

  stop(): void {
    clearInterval(this.watch);
    this.sentinel?.close();
  }

  /**
   * How many replicas a write to `key` waits for. A primary not polled yet (promoted a moment
   * ago) is asked for all: a WAIT it cannot satisfy costs one send its timeout and lowers the
   * count, while assuming none would ack writes no replica has.
   */
  replicasFor(key: string): number {
    return this.replicasOf(this.primaryOf(key));
  }

  private replicasOf(primary: string): number {
    return Math.min(this.wanted, this.connected.get(primary) ?? this.wanted);
  }

  /** Runs the script (its first key names the slot), followed in the same round trip by WAIT when replicas must confirm. */
  run<N extends LuaScriptName>(name: N, input: LuaScriptInput<N>, key: string): Promise<LuaScriptReplies[N]> {
    // Not async: without replica acks (the default) every send passes here, and an async
    // function would wrap the script's promise in one more (about 500 bytes per send).
    return this.wanted === 0 ? this.scripts.run(name, input) : this.runAcked(name, input, key);
  }

  private async runAcked<N extends LuaScriptName>(name: N, input: LuaScriptInput<N>, key: string): Promise<LuaScriptReplies[N]> {
    const primary = this.primaryOf(key);
    if (this.refusing.has(primary)) throw new Error('a Redis replica of this shard is up but its replication link is down: sends are refused until it resyncs or stops answering (see its log: masterauth, network)');
    const replicas = this.replicasOf(primary);
    if (replicas === 0) return this.runDegraded(name, input, key);
    const node = this.nodeOf(primary);
    const sent = node && this.scripts.runThenWait(node, name, input, replicas, REPLICA_ACK_TIMEOUT_MS);
    if (sent) {
      const [script, wait] = await sent;
      if (script.status === 'fulfilled') return this.confirmed(script.value as LuaScriptReplies[N], primary, replicas, wait.status === 'fulfilled' ? [null, wait.value] : [wait.reason as Error, 0]);
      // Not run there (the slot moved, or the script was unknown): the pipeline below follows
      // the client's redirects. Any other error may have come after the script wrote.
      if (!scriptDidNotRun(script.reason)) throw script.reason;
      this.scripts.failedOnNode(name, script.reason);
    }
    const pipeline = this.redis.pipeline();
    this.scripts.queue(pipeline, name, input);
    pipeline.wait(replicas, REPLICA_ACK_TIMEOUT_MS);
    const [[scriptError, result], wait] = (await pipeline.exec()) as [Reply<LuaScriptReplies[N]>, Reply<number>];
    if (scriptError) throw scriptError;
    return this.confirmed(result, primary, replicas, wait);
  }

  /**
   * A shard counted without replicas: the script, then, once it has answered, its primary's ROLE.
   * A replica in sync there came back since the last poll: it is counted from now on, and this
   * write is acked only once it has it too (WAIT on that primary's connection, which the write
   * went through: WAIT counts what the connection wrote there). ROLE is asked
   * after the answer, not with the script, so it surely follows the write, wherever that ran
   * (ioredis sends a script again after NOSCRIPT, and to the new owner after MOVED): one round
   * trip more, while degraded only. Relay CPU per append, `npx tsx bench/degraded-ack-cost.ts`:
   * 1.40× and 1.45× without acks (medians of two runs; 38–43 µs against 27–30), Redis +3–9 µs.
   * A pipeline of both, tried first, cost 83 µs against 31: ioredis's pipeline path is dearer.
   */
  private async runDegraded<N extends LuaScriptName>(name: N, input: LuaScriptInput<N>, key: string): Promise<LuaScriptReplies[N]> {
    const result = await this.scripts.run(name, input);
    if (!(Array.isArray(result) && result.length > 1)) return result;
    // Where the write went, as the client knows now (a MOVED answer has updated its slot map).
    const primary = this.primaryOf(key);
    const node = this.nodeOf(primary);
    const online = onlineInRole(await node?.role().catch(() => undefined));
    if (!node || online.length === 0) return result;
    // A poll may have counted the replica meanwhile, or found the shard refusing: its word stands.
    if (this.replicasOf(primary) === 0 && !this.refusing.has(primary)) {
      this.connected.set(primary, online.length);
      this.seen.set(primary, new Set([...(this.seen.get(primary) ?? []), ...online]));
      this.report(primary);
    }
    const replicas = Math.min(this.wanted, online.length);
    const wait = await node.wait(replicas, REPLICA_ACK_TIMEOUT_MS).then(
      (confirmed): Reply<number> => [null, confirmed],
      (error: Error): Reply<number> => [error, 0],
    );
    return this.confirmed(result, primary, replicas, wait);
  }

  /** The script's result once `replicas` confirmed it (WAIT's reply), or the error that it is not acked. */
  private confirmed<R>(result: R, primary: string, replicas: number, [waitError, confirmed]: Reply<number>): R {
    // A duplicate is checked too: its first attempt may have been stored but never confirmed.
    // So is an unchanged reaction: the change that made it hold may not be confirmed yet.
    if (Array.isArray(result) && result.length > 1 && (waitError || confirmed < replicas)) {
      // Stored on the primary but not yet confirmed by a replica: not acked. The client's retry
      // with the same clientId gets it as a duplicate once the replica has caught up. Fewer
      // replicas answered than were counted: a replica died or lost its link. Refuse the shard
      // until the next poll tells which (every later WAIT would block the connection meanwhile).
      if (!waitError) {
        this.refusing.add(primary);
        this.report(primary);
      }
      throw new Error(`only ${confirmed} of ${replicas} Redis replicas confirmed the message`);
    }
    return result;
  }

  private async refresh(): Promise<void> {
    const cluster = this.redis instanceof Cluster ? this.redis : undefined;
    const primaries: Array<[string, Redis | RedisClient]> = cluster
      ? cluster.nodes('master').map((node) => [nodeAddress(node), node])
      : [[ONLY_PRIMARY, this.redis]];
    const options = cluster ? (cluster.options.redisOptions ?? {}) : (this.redis as Redis).options;
    // Settled, not all: a primary that fails its poll keeps its last state, and must not keep
    // the others from being forgotten below. A refusal kept for a primary gone from the pool
    // would send nothing to the slot map's stale owner, so no redirect would ever refresh the map.
    const polled = await Promise.allSettled(
      primaries.map(async ([name, node]) => {
        const online = onlineReplicas(await node.info('replication'));
        // Replicas that could be promoted but are not in sync: up and unlinked, or dead.
        const known = cluster ? replicasOfMyself(String(await node.call('CLUSTER', 'NODES'))) : await this.knownReplicas(name);
        const missing = known.filter((replica) => !online.has(replica));
        const down = await Promise.all(missing.map((replica) => replicaLinkDown(replica, options, PROBE_TIMEOUT_MS)));
        const unlinked = missing.filter((_, i) => down[i]);
        this.connected.set(name, online.size);
        this.seen.set(name, new Set([...online, ...unlinked]));
        if (unlinked.length > 0) this.refusing.add(name);
        else this.refusing.delete(name);
        this.report(name);
      }),
    );
    // A node that is a primary no more (failed over) is forgotten: no longer counted, and if it is
    // promoted again it is asked for all its replicas until polled, like any new primary.
    const current = new Set(primaries.map(([name]) => name));
    for (const name of this.states.keys()) {
      if (current.has(name)) continue;
      this.states.delete(name);
      this.connected.delete(name);
      this.seen.delete(name);
      this.refusing.delete(name);
    }
    const failed = polled.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** One Redis or Sentinel: the replicas seen in sync or unlinked since, and those Sentinel could promote. */
  private async knownReplicas(primary: string): Promise<string[]> {
    const known = new Set(this.seen.get(primary));
    for (const replica of (await this.sentinel?.list()) ?? []) known.add(replica);
    return [...known];
  }

  private report(primary: string): void {
    const state: ReplicaAckState = this.refusing.has(primary) ? 'refusing' : (this.connected.get(primary) ?? 0) > 0 ? 'replicas' : 'primary_only';
    if (this.states.get(primary) === state) return;
    this.states.set(primary, state);
    const primaries: Record<ReplicaAckState, number> = { replicas: 0, primary_only: 0, refusing: 0 };
    for (const each of this.states.values()) primaries[each]++;
    this.onChange({ primary, state, primaries });
  }

  /**
   * The connection to `primary` (one of primaryOf's names) that its writes go through, when it is
   * up: on a cluster the pool's, by that name (no scan of the cluster's nodes on every send).
   */
  private nodeOf(primary: string): Redis | undefined {
    if (!(this.redis instanceof Cluster)) return this.redis;
    return nodeConnection(this.redis, primary);
  }

  /** The primary a key's writes go to, as the cluster client's slot map has it. */
  private primaryOf(key: string): string {
    return this.redis instanceof Cluster ? (this.redis.slots[keySlot(key)]?.[0] ?? '') : ONLY_PRIMARY;
  }
}
