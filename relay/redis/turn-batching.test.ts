import type { Socket } from 'node:net';
import { Cluster, type Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useRedisServer } from '../../test/support/redis-server.js';
import { countWrites } from '../transport/testing/write-counter.js';
import { atTurnEnd, batchCommandsPerTurn, LATE_BATCH_MS, setLateBatchMs } from './turn-batching.js';

const redisServer = useRedisServer();

/**
 * When a batch is late here: long enough that no pause of a loaded CI box between two statements
 * splits a batch the tests expect whole (the relay's LATE_BATCH_MS is 1 ms).
 */
const LATE_MS = 100;
beforeAll(() => setLateBatchMs(LATE_MS));
afterAll(() => setLateBatchMs(LATE_BATCH_MS));

/** Keeps this turn busy for `ms`, as a young-generation GC or a wait for a CPU would. */
function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

async function client(batched: boolean): Promise<{ redis: Redis; writes: { count: number } }> {
  const redis = await redisServer.connect();
  if (batched) batchCommandsPerTurn(redis);
  return { redis, writes: countWrites(redis.stream as Socket) };
}

describe('batchCommandsPerTurn', () => {
  it('writes the commands of one turn in one system call, and answers each', async () => {
    const { redis, writes } = await client(true);
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => redis.echo(`m${i}`)));
    expect(answers).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(writes.count).toBe(1);
  });

  it('runs end-of-turn hooks after the turn\'s commands and before they leave: what a hook sends shares their write, behind them', async () => {
    const { redis, writes } = await client(true);
    const order: string[] = [];
    const first = redis.echo('script').then((answer) => order.push(answer));
    atTurnEnd(() => void redis.echo('wait').then((answer) => order.push(answer)));
    const second = redis.echo('script 2').then((answer) => order.push(answer));
    await Promise.all([first, second]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['script', 'script 2', 'wait']);
    expect(writes.count).toBe(1);
    // A hook with nothing corked in its turn still runs, in the check phase.
    let ran = false;
    atTurnEnd(() => (ran = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toBe(true);
  });

  it('a hook that throws leaves no connection corked: later turns still send', async () => {
    const { redis } = await client(true);
    const failing = redis.echo('before');
    atTurnEnd(() => {
      throw new Error('hook failed');
    });
    const uncaught = new Promise<unknown>((resolve) => process.once('uncaughtException', resolve));
    expect(await failing).toBe('before');
    expect(((await uncaught) as Error).message).toBe('hook failed');
    expect(await redis.echo('after')).toBe('after');
  });

  it('sends a batch that has waited its late time with the next command, not at the end of a long turn', async () => {
    const { redis, writes } = await client(true);
    const first = redis.echo('early');
    busyFor(LATE_MS + 2);
    expect(writes.count).toBe(0);
    const second = redis.echo('after the stall');
    // Written now, in this turn: both commands, in one write.
    expect(writes.count).toBe(1);
    const third = redis.echo('rest of the turn');
    expect(writes.count).toBe(1);
    expect(await Promise.all([first, second, third])).toEqual(['early', 'after the stall', 'rest of the turn']);
    expect(writes.count).toBe(2);
    // The control: a turn that does not run long keeps all its commands for its end.
    const before = writes.count;
    const quick = [redis.echo('a'), redis.echo('b')];
    expect(writes.count).toBe(before);
    await Promise.all(quick);
    expect(writes.count).toBe(before + 1);
  });

  it('runs the end-of-turn hooks before a late batch leaves, and their commands leave with it', async () => {
    const { redis, writes } = await client(true);
    const order: string[] = [];
    const script = redis.echo('script').then((answer) => order.push(answer));
    atTurnEnd(() => void redis.echo('wait').then((answer) => order.push(answer)));
    busyFor(LATE_MS + 2);
    const next = redis.echo('next').then((answer) => order.push(answer));
    expect(writes.count).toBe(1);
    await Promise.all([script, next]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['script', 'next', 'wait']);
    expect(writes.count).toBe(1);
  });

  it('without it, each command is a write of its own (the control)', async () => {
    const { redis, writes } = await client(false);
    await Promise.all(Array.from({ length: 5 }, (_, i) => redis.echo(`m${i}`)));
    // The first goes out at once; the rest queue behind it in the socket and may share a writev.
    expect(writes.count).toBeGreaterThan(1);
  });

  it('holds nothing beyond its turn: a command issued after an await is sent in its own turn', async () => {
    const { redis, writes } = await client(true);
    for (let i = 0; i < 3; i++) expect(await redis.echo(`m${i}`)).toBe(`m${i}`);
    expect(writes.count).toBe(3);
  });

  it('leaves pipelines to themselves (they write all their commands at once already)', async () => {
    const { redis, writes } = await client(true);
    const results = await redis.pipeline().echo('a').echo('b').exec();
    expect(results).toEqual([
      [null, 'a'],
      [null, 'b'],
    ]);
    expect(writes.count).toBe(1);
  });

  it('batches the nodes a cluster client adds, as they are added', async () => {
    // Never connected (lazyConnect): only its '+node' events are used.
    const cluster = new Cluster([{ host: '127.0.0.1', port: 1 }], { lazyConnect: true });
    try {
      batchCommandsPerTurn(cluster);
      const { redis: node, writes } = await client(false);
      cluster.emit('+node', node);
      await Promise.all([node.echo('a'), node.echo('b'), node.echo('c')]);
      expect(writes.count).toBe(1);
    } finally {
      cluster.disconnect();
    }
  });
});
