// What REDIS_REPLICA_ACKS costs a relay while its shard has no replica: `npx tsx bench/degraded-ack-cost.ts [--appends=N] [--in-flight=N]`;
// with `--replica`, what it costs with a replica in sync (the script and WAIT on the primary's connection).
// `--in-flight` (default 20) appends are issued together, so that many share a turn of the event
// loop (and, with a replica, one WAIT); the relay under bench (c) runs about 3 per turn.
//
// A shard counted without replicas follows each write with its primary's ROLE, so that a replica
// back in sync is counted at once (store/redis-replica-acks.ts, runDegraded). This puts a number
// on that: the real RedisMessageStore appends to one redis-server that has no replica, with
// replica acks on (every write degraded) and off, and reports this process's CPU per append
// (the relay's side: commands, replies, the extra round trip) and Redis's (INFO cpu). The two
// alternate which goes first, round by round, after one uncounted warm-up of each; each round's
// ratio is printed, and their median.
import { randomUUID } from 'node:crypto';
import { startRedisServer } from '../scripts/cluster/redis-server.mjs';
import { hasReplicaInSync, withRedisClient } from '../scripts/cluster/redis-query.mjs';
import { waitFor } from '../scripts/cluster/wait-for.mjs';
import { createRedis, whenReady } from '../relay/redis/redis-connection.js';
import { batchCommandsPerTurn } from '../relay/redis/turn-batching.js';
import { RedisMessageStore } from '../relay/store/redis-message-store.js';
import { request, SUITE_LIMITS } from '../relay/store/message-store.suite.js';
import { median } from './median-run.js';

const ROUNDS = 3;
const args = process.argv.slice(2);
const IN_FLIGHT = Number(args.map((arg) => /^--in-flight=(\d+)$/.exec(arg)?.[1]).find(Boolean) ?? 20);
const appends = Number(args.map((arg) => /^--appends=(\d+)$/.exec(arg)?.[1]).find(Boolean) ?? 20_000);
const withReplica = args.includes('--replica');
const acksOn = withReplica ? 'acks on (replica in sync)' : 'acks on (degraded)';

const redis = await startRedisServer({ name: 'degraded-ack-cost' });
const replica = withReplica ? await startRedisServer({ name: 'degraded-ack-cost-replica', args: ['--replicaof', '127.0.0.1', String(redis.port)] }) : undefined;
const config = { kind: 'url' as const, url: `redis://127.0.0.1:${redis.port}` };
const commands = createRedis(config, 'commands');
const subscriber = createRedis(config, 'subscriber');
// As the relay's store backend does (store-backend.ts): one write per turn per connection.
batchCommandsPerTurn(commands);

/** Redis's CPU so far, in µs. */
async function redisCpuUs(): Promise<number> {
  const info = await withRedisClient(redis.port, (c) => c.info('cpu'));
  const field = (name: string) => Number(new RegExp(`^${name}:([0-9.]+)`, 'm').exec(info)?.[1]);
  return (field('used_cpu_sys') + field('used_cpu_user')) * 1e6;
}

/** CPU per append (µs), this process's and Redis's, with replica acks `acks` (0 or 1). */
async function run(acks: number, count: number): Promise<{ relay: number; redis: number }> {
  // No rate limit in the way: every append is stored.
  const store = new RedisMessageStore(commands, subscriber, { ...SUITE_LIMITS, replicaAcks: acks, burst: 1e9, ratePerSec: 1e9 }, `t-${randomUUID()}:`);
  await store.start();
  const rooms = Array.from({ length: IN_FLIGHT }, (_, i) => `room-${i}`);
  const redisBefore = await redisCpuUs();
  const before = process.cpuUsage();
  for (let done = 0; done < count; done += IN_FLIGHT) await Promise.all(rooms.map((room) => store.append(request({ room }))));
  const used = process.cpuUsage(before);
  const redisUs = (await redisCpuUs()) - redisBefore;
  await store.close();
  return { relay: (used.user + used.system) / count, redis: redisUs / count };
}

try {
  await Promise.all([whenReady(commands, 10_000), whenReady(subscriber, 10_000)]);
  if (replica) await waitFor(async () => (await hasReplicaInSync(redis.port)) || undefined, { timeoutMs: 15_000, what: 'the replica to be in sync' });
  await run(0, appends / 5);
  await run(1, appends / 5);
  const ratios: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const order = round % 2 === 1 ? [0, 1] : [1, 0];
    const figures = new Map<number, { relay: number; redis: number }>();
    for (const acks of order) figures.set(acks, await run(acks, appends));
    const [off, on] = [figures.get(0)!, figures.get(1)!];
    ratios.push(on.relay / off.relay);
    console.log(
      `round ${round}: ${acksOn} ${on.relay.toFixed(1)} µs relay, ${on.redis.toFixed(1)} µs Redis per append; off ${off.relay.toFixed(1)} µs, ${off.redis.toFixed(1)} µs; relay ratio ${(on.relay / off.relay).toFixed(2)}×`,
    );
  }
  console.log(`median relay ratio, ${acksOn} ÷ acks off: ${median(ratios)!.toFixed(2)}× (${ROUNDS} rounds of ${appends} appends, ${IN_FLIGHT} in flight)`);
} finally {
  commands.disconnect();
  subscriber.disconnect();
  await replica?.stop();
  await redis.stop();
}
