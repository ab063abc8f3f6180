import type { ReadyResponse } from '../../shared/index.js';
import { nodeAddress } from '../redis/node-address.js';

export type ReadyStatus = ReadyResponse['status'];

/** The part of an ioredis client (a `Redis` or a `Cluster`) the probe uses. */
export interface PingableRedis {
  readonly status: string;
  ping(): Promise<unknown>;
  /** A Redis Cluster client: its primaries are pinged one by one (`nodes('master')`). */
  readonly isCluster?: boolean;
  nodes?(role: 'master'): ClusterNode[];
  /** A cluster client's slot map: per slot, the `host:port` of its primary first, then replicas. */
  readonly slots?: ReadonlyArray<ReadonlyArray<string> | undefined>;
}

/** One of a cluster client's connections to a primary. */
export interface ClusterNode {
  readonly options: { readonly host?: string; readonly port?: number };
  ping(): Promise<unknown>;
}

export interface ReadinessOptions {
  isDraining(): boolean;
  /** The commands connection; undefined in memory mode. */
  redis: PingableRedis | undefined;
  /** A PING unanswered this long means Redis is unavailable. */
  timeoutMs?: number;
  /** One PING answers every /readyz of this period, so a flood of probes costs Redis nothing. */
  cacheMs?: number;
}

/**
 * What `/readyz` answers. The connection state alone is not enough: a frozen Redis (SIGSTOP, a
 * stalled VM, a full network buffer) keeps its TCP connection "ready" while every command times
 * out, so the relay PINGs. At most one PING is outstanding: while one hangs, Redis counts as
 * unavailable and no second one is queued behind it.
 *
 * On a Redis Cluster every primary is pinged, each over this relay's own connection to it: a
 * `Cluster.ping()` asks one node at random, which says nothing about the shard this replica has
 * lost its link to (a partition between one pod and one shard) while the others answer. Every
 * room on that shard would then fail its sends with `unavailable` on this replica only, which is
 * exactly what readiness is for: the load balancer moves new connections to replicas that can
 * serve every room.
 *
 * The primaries come from the slot map, not from the connection pool alone: ioredis drops a node
 * from its pool the moment its connection ends (a SIGKILLed primary) and has nothing to ping
 * there until the next slots refresh, so a pool of two live primaries would look ready while a
 * third of the slots have no one to answer. A slot whose primary has no pooled connection counts
 * as unavailable.
 */
export function createReadiness(options: ReadinessOptions): () => Promise<ReadyStatus> {
  const { redis, timeoutMs = 500, cacheMs = 1000 } = options;
  let last: { at: number; up: boolean } | undefined;
  let checking: Promise<boolean> | undefined;
  let pingOutstanding = false;

  const ping = (client: PingableRedis): Promise<boolean> => {
    if (pingOutstanding) return Promise.resolve(false);
    pingOutstanding = true;
    const targets = client.isCluster && client.nodes ? clusterPrimaries(client) : [client];
    // A cluster client that knows no primary (before its first slots refresh), or has no
    // connection to one its slot map names, cannot serve every room.
    const answered = targets.length === 0 ? Promise.resolve(false) : Promise.all(targets.map((target) => target.ping())).then(
      () => true,
      () => false,
    );
    void answered.then(() => (pingOutstanding = false));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    return Promise.race([answered, timedOut]).finally(() => clearTimeout(timer));
  };

  const redisUp = async (client: PingableRedis): Promise<boolean> => {
    if (client.status !== 'ready') return false;
    if (last && Date.now() - last.at < cacheMs) return last.up;
    checking ??= ping(client).then((up) => {
      last = { at: Date.now(), up };
      checking = undefined;
      return up;
    });
    return checking;
  };

  return async () => {
    if (options.isDraining()) return 'draining';
    if (redis && !(await redisUp(redis))) return 'redis_unavailable';
    return 'ready';
  };
}

/** The pooled primaries, or [] when a slot's primary has no pooled connection (or none is known). */
function clusterPrimaries(client: PingableRedis): ClusterNode[] {
  const pooled = client.nodes!('master');
  const pooledKeys = new Set(pooled.map(nodeAddress));
  const owners = new Set<string>();
  for (const slot of client.slots ?? []) if (slot?.[0] !== undefined) owners.add(slot[0]);
  for (const owner of owners) if (!pooledKeys.has(owner)) return [];
  return pooled;
}
