// The capacity model of docs/capacity.md as code, so its table can be recomputed when a figure
// changes: per-operation costs (measured in docs/performance.md, or derived from it) and a
// message mix in; relay pods and Redis shards for a number of concurrent users out, with the
// resource that runs out first. `npx tsx bench/report/capacity-model.ts` prints the doc's table.

/** Where a figure comes from; the doc prints it next to each input. */
export type Provenance = 'measured' | 'derived' | 'assumed' | 'TODO';

export interface CostInputs {
  /** Relay CPU per delivery (one message written to one connection), µs. */
  relayUsPerDelivery: number;
  /** Relay CPU to accept one message on the replica its sender is on (validate, store round trip, ack), µs. */
  relayUsPerIngest: number;
  /** Relay CPU on each replica that gets a message's signal (parse, feed bookkeeping), µs. */
  relayUsPerSignal: number;
  /** Redis CPU per stored message on one Redis (the append script, its signal, the reads that follow), µs. */
  redisUsPerMessage: number;
  /**
   * The same on a Redis Cluster, its primaries summed: a message runs on its room's shard only
   * (hash tag), so this is also its cost on that shard; SPUBLISH and the slot routing differ. µs.
   */
  redisClusterUsPerMessage: number;
  /** Relay RSS with no clients, MB. */
  relayBaseMB: number;
  /** RSS per connection of a chatting user (rooms, buffers), KB. */
  connectionKB: number;
  /** Bytes of one delivery on the wire (Socket.IO frame of the message event, WebSocket header included). */
  bytesPerDelivery: number;
}

export interface Mix {
  users: number;
  /** Messages each user sends per minute at the peak hour. */
  messagesPerUserPerMinute: number;
  /** Members of the room a message goes to (sender included): deliveries per message. */
  membersPerRoom: number;
}

export interface PodShape {
  /** A relay is one Node thread: at most one core, of which the autoscaler targets this share. */
  relayCpuTarget: number;
  /** The relay container's memory limit, MB, and the share of it to plan for. */
  relayMemoryLimitMB: number;
  relayMemoryTarget: number;
  /** The autoscaler's connections-per-pod target (k8s/components/autoscaling-keda). */
  connectionsPerPod: number;
  /** One Redis shard (primary) is one thread: the share of a core to plan for. */
  redisCpuTarget: number;
}

export type Signalling = 'every-replica' | 'sharded';

export interface CapacityPlan {
  messagesPerSec: number;
  deliveriesPerSec: number;
  /** Replicas each message's signal reaches. */
  signalledReplicas: number;
  relayCpuCores: number;
  /** Relay pods each resource needs on its own; Infinity when no number of pods is enough. */
  podsFor: { cpu: number; memory: number; connectionTarget: number };
  relayPods: number;
  /** Which of the pod's own resources runs out first as users grow: CPU or memory (the connection target is a setting). */
  relayLimit: 'CPU' | 'memory';
  redisCpuCores: number;
  redisShards: number;
  /** Outbound bytes per second per relay pod. */
  wireMBpsPerPod: number;
}

/** Distinct replicas among a room's members when each member lands on one of `pods` at random. */
export function expectedReplicasPerRoom(members: number, pods: number): number {
  return pods * (1 - (1 - 1 / pods) ** members);
}

/** Relay CPU cores in total for `pods` pods. Signals reach every replica today, or only those with members (sharded). */
function relayCores(costs: CostInputs, m: number, d: number, pods: number, mix: Mix, signalling: Signalling): { cores: number; signalled: number } {
  const signalled = signalling === 'every-replica' ? pods : expectedReplicasPerRoom(mix.membersPerRoom, pods);
  const us = m * costs.relayUsPerIngest + m * signalled * costs.relayUsPerSignal + d * costs.relayUsPerDelivery;
  return { cores: us / 1e6, signalled };
}

export function capacityPlan(costs: CostInputs, mix: Mix, shape: PodShape, signalling: Signalling): CapacityPlan {
  const m = (mix.users * mix.messagesPerUserPerMinute) / 60;
  const d = m * mix.membersPerRoom;
  const usableMB = shape.relayMemoryLimitMB * shape.relayMemoryTarget - costs.relayBaseMB;
  const memory = Math.ceil((mix.users * costs.connectionKB) / 1024 / usableMB);
  const connectionTarget = Math.ceil(mix.users / shape.connectionsPerPod);
  // Pods for CPU: the smallest count whose per-pod load fits the target. With signals to every
  // replica, each pod parses every message however many pods there are: past a point no count fits.
  let cpu = Infinity;
  for (let pods = 1; pods <= 100_000; pods++) {
    if (relayCores(costs, m, d, pods, mix, signalling).cores / pods <= shape.relayCpuTarget) {
      cpu = pods;
      break;
    }
  }
  const relayPods = Math.max(cpu, memory, connectionTarget);
  const relayLimit = cpu >= memory ? 'CPU' : 'memory';
  const atSize = Number.isFinite(relayPods) ? relayCores(costs, m, d, relayPods, mix, signalling) : { cores: NaN, signalled: NaN };
  const redisCpuCores = (m * (signalling === 'sharded' ? costs.redisClusterUsPerMessage : costs.redisUsPerMessage)) / 1e6;
  return {
    messagesPerSec: m,
    deliveriesPerSec: d,
    signalledReplicas: atSize.signalled,
    relayCpuCores: atSize.cores,
    podsFor: { cpu, memory, connectionTarget },
    relayPods,
    relayLimit,
    redisCpuCores,
    // Today one Redis primary takes every message; on a Redis Cluster the load spreads over the
    // shards, of which redis-cli creates at least 3 (a majority must agree on a failover).
    redisShards: signalling === 'every-replica' ? (redisCpuCores <= shape.redisCpuTarget ? 1 : Infinity) : Math.max(3, Math.ceil(redisCpuCores / shape.redisCpuTarget)),
    wireMBpsPerPod: Number.isFinite(relayPods) ? (d * costs.bytesPerDelivery) / relayPods / 1e6 : NaN,
  };
}

/**
 * The most users `mix`'s per-user traffic allows before no number of relay pods or Redis shards
 * is enough (Infinity when sharded: both grow with the load), to the nearest 1,000.
 */
export function userCeiling(costs: CostInputs, mix: Omit<Mix, 'users'>, shape: PodShape, signalling: Signalling): number {
  const fits = (users: number) => {
    const plan = capacityPlan(costs, { ...mix, users }, shape, signalling);
    return Number.isFinite(plan.relayPods) && Number.isFinite(plan.redisShards);
  };
  if (fits(100_000_000)) return Infinity;
  let [low, high] = [0, 100_000_000];
  while (high - low > 1000) {
    const middle = Math.round((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle;
  }
  return Math.floor(low / 1000) * 1000;
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : n === Infinity ? 'none is enough' : '—';

/** The doc's results table: one column per (users, signalling) case. */
export function capacityTable(costs: CostInputs, mixes: Mix[], shape: PodShape): string {
  const cases = mixes.flatMap((mix) => (['every-replica', 'sharded'] as const).map((s) => ({ mix, s, plan: capacityPlan(costs, mix, shape, s) })));
  const head = cases.map(({ mix, s }) => `${fmt(mix.users)} users, ${mix.messagesPerUserPerMinute} msg/min, ${s === 'sharded' ? 'Redis Cluster, sharded signals' : 'one Redis, signals to every replica (today)'}`);
  const row = (label: string, cell: (p: CapacityPlan) => string) => `| ${label} | ${cases.map(({ plan }) => cell(plan)).join(' | ')} |`;
  return [
    `| | ${head.join(' | ')} |`,
    `|---|${cases.map(() => '---:').join('|')}|`,
    row('messages/s', (p) => fmt(p.messagesPerSec)),
    row('deliveries/s', (p) => fmt(p.deliveriesPerSec)),
    row('relay pods for CPU', (p) => fmt(p.podsFor.cpu)),
    row('relay pods for memory', (p) => fmt(p.podsFor.memory)),
    row('relay pods for the connection target', (p) => fmt(p.podsFor.connectionTarget)),
    row('**relay pods**', (p) => `**${fmt(p.relayPods)}**`),
    row('relay resource that runs out first', (p) => p.relayLimit),
    row('replicas each signal reaches', (p) => fmt(p.signalledReplicas, 1)),
    row('relay CPU in total (cores)', (p) => fmt(p.relayCpuCores, 1)),
    row('Redis CPU in total (cores)', (p) => fmt(p.redisCpuCores, 2)),
    row('**Redis shards (primaries)**', (p) => `**${fmt(p.redisShards)}**`),
    row('outbound per relay pod (MB/s)', (p) => fmt(p.wireMBpsPerPod, 2)),
  ].join('\n');
}
