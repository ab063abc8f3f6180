import { Cluster, type Redis } from 'ioredis';
import { describe, expect, it, vi } from 'vitest';
import { keySlot } from '../redis/key-slot.js';
import { nodeAddress } from '../redis/node-address.js';
import type { LuaScripts } from './lua-scripts.js';
import { RedisReplicaAcks } from './redis-replica-acks.js';

const KEY = 'room:{r}:meta';
const STORED = ['stored', 1, 'epoch', 'listed'];

/** A cluster node as RedisReplicaAcks uses one: its address, status, INFO and CLUSTER NODES. */
function fakeNode(port: number, answers: { info: () => Promise<string> }): Redis {
  const id = `node-${port}`;
  return {
    options: { host: '127.0.0.1', port },
    status: 'ready',
    info: answers.info,
    call: () => Promise.resolve(`${id} 127.0.0.1:${port}@${port + 10000} myself,master - 0 0 1 connected 0-16383\n`),
  } as unknown as Redis;
}

/** An ioredis Cluster whose pool and slot map the test sets; pipelines answer 'stored' and one replica confirmed. */
function fakeCluster(slotOwner: string) {
  const cluster = Object.create(Cluster.prototype) as Cluster & { primaries: Redis[] };
  cluster.primaries = [];
  const slots: string[][] = [];
  slots[keySlot(KEY)] = [slotOwner];
  Object.assign(cluster, {
    options: { redisOptions: {} },
    status: 'ready',
    slots,
    nodes: () => cluster.primaries,
    // What redis/slot-owner.ts reads: the pool's connection by the slot map's name for it.
    connectionPool: { getInstanceByKey: (key: string) => cluster.primaries.find((node) => nodeAddress(node) === key) },
    pipeline: () => ({ wait: () => undefined, exec: () => Promise.resolve([[null, STORED], [null, 1]]) }),
  });
  return cluster;
}

const scripts = {
  queue: () => undefined,
  // The WAIT after the script: no replica confirmed it.
  runThenWait: () => Promise.resolve([{ status: 'fulfilled', value: STORED }, { status: 'fulfilled', value: 0 }]),
} as unknown as LuaScripts;

describe('RedisReplicaAcks on a cluster', () => {
  it('forgets a primary that left the pool even when polling another primary fails', async () => {
    const victim = fakeNode(7001, { info: () => Promise.resolve('role:master\r\nconnected_slaves:1\r\nslave0:ip=127.0.0.1,port=7004,state=online,offset=1,lag=0\r\n') });
    const cluster = fakeCluster('127.0.0.1:7001');
    cluster.primaries = [victim];
    const acks = new RedisReplicaAcks(cluster, scripts, 1, () => undefined, 20);
    await acks.start();
    try {
      // A WAIT fell short: the victim's shard refuses until a poll tells why.
      await expect(acks.run('appendMessage', {} as never, KEY)).rejects.toThrow('only 0 of 1 Redis replicas confirmed');
      await expect(acks.run('appendMessage', {} as never, KEY)).rejects.toThrow('replication link is down');
      // The victim died and left the pool; another primary does not answer its poll. The slot
      // map still names the victim: a refusal kept for it would send nothing, so nothing would
      // ever tell the client of the new map (ioredis refreshes it on a redirect or a failure).
      const silent = fakeNode(7002, { info: () => Promise.reject(new Error('Connection is closed.')) });
      cluster.primaries = [silent];
      await vi.waitFor(async () => expect(await acks.run('appendMessage', {} as never, KEY)).toEqual(STORED), { timeout: 2000, interval: 30 });
    } finally {
      acks.stop();
    }
  });
});
