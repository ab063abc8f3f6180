// REDIS_REPLICA_ACKS on one Redis with a real replica: the send path that runs the script and
// WAIT on the primary's connection, and its fallback when Redis has forgotten the script.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis, whenReady, type RedisClient } from '../relay/redis/redis-connection.js';
import { RedisMessageStore } from '../relay/store/redis-message-store.js';
import { request, SUITE_LIMITS } from '../relay/store/message-store.suite.js';
import { startRedisServer, type RedisServer } from '../scripts/cluster/redis-server.mjs';
import { hasReplicaInSync, withRedisClient } from '../scripts/cluster/redis-query.mjs';
import { waitFor } from '../scripts/cluster/wait-for.mjs';

let primary: RedisServer;
let replica: RedisServer;
let commands: RedisClient;
let subscriber: RedisClient;

beforeAll(async () => {
  primary = await startRedisServer({ name: 'acks-primary' });
  replica = await startRedisServer({ name: 'acks-replica', args: ['--replicaof', '127.0.0.1', String(primary.port)] });
  await waitFor(async () => (await hasReplicaInSync(primary.port)) || undefined, { timeoutMs: 15_000, what: 'the replica to sync' });
  const config = { kind: 'url' as const, url: primary.url };
  [commands, subscriber] = [createRedis(config, 'commands'), createRedis(config, 'subscriber')];
  await Promise.all([whenReady(commands, 10_000), whenReady(subscriber, 10_000)]);
});
afterAll(async () => {
  commands?.disconnect();
  subscriber?.disconnect();
  await replica?.stop();
  await primary?.stop();
});

describe('replica acks on one Redis with a replica', () => {
  it('acks a send once the replica has it, and still does after Redis forgot the script (SCRIPT FLUSH): the send falls back to a pipeline', async () => {
    const store = new RedisMessageStore(commands, subscriber, { ...SUITE_LIMITS, replicaAcks: 1 }, `t-${randomUUID()}:`);
    await store.start();
    try {
      const room = 'acked';
      expect(store.replicasForAck(room)).toBe(1);
      const first = await store.append(request({ room }));
      expect(first.status).toBe('stored');
      await withRedisClient(primary.port, (c) => c.script('FLUSH'));
      const second = await store.append(request({ room }));
      expect(second.status).toBe('stored');
      // WAIT confirmed both: the replica has them as soon as they are acked.
      const onReplica = await withRedisClient(replica.port, (c) => c.keys('*acked*log*'));
      expect(onReplica.length).toBe(1);
      expect(await withRedisClient(replica.port, (c) => c.xlen(onReplica[0]!))).toBe(2);
    } finally {
      await store.close();
    }
  });
});
