import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { useRedisServer } from '../../test/support/redis-server.js';
import { whenReady } from './redis-connection.js';
import { restartAfterEnd } from './restart-after-end.js';

const redisServer = useRedisServer();
const clients: Redis[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function client(restart: boolean): Redis {
  const redis = new Redis(redisServer.server.url, { lazyConnect: true, retryStrategy: () => 50 });
  redis.on('error', () => undefined);
  clients.push(redis);
  if (restart) restartAfterEnd(redis, 50);
  return redis;
}

/**
 * ioredis's own way to an ended client: its connector is disconnected while connect() is under
 * way, as the Sentinel FailoverDetector does in the race restartAfterEnd is for.
 */
async function endWhileConnecting(redis: Redis): Promise<void> {
  const connecting = redis.connect();
  (redis as unknown as { connector: { disconnect(): void } }).connector.disconnect();
  await expect(connecting).rejects.toThrow('Connection is closed.');
  expect(redis.status).toBe('end');
}

afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect();
});

describe('restartAfterEnd', () => {
  it('connects a client again that ioredis ended after a failed connect()', async () => {
    const redis = client(true);
    await endWhileConnecting(redis);
    await whenReady(redis, 5000);
    expect(await redis.ping()).toBe('PONG');
  });

  it('without it such a client stays ended: every command fails (the control)', async () => {
    const redis = client(false);
    await endWhileConnecting(redis);
    await sleep(300);
    expect(redis.status).toBe('end');
    await expect(redis.ping()).rejects.toThrow('Connection is closed.');
  });

  it('leaves a client closed on purpose closed, by quit() or disconnect()', async () => {
    const quitting = client(true);
    await quitting.connect();
    await quitting.quit();
    const disconnecting = client(true);
    await disconnecting.connect();
    disconnecting.disconnect();
    await sleep(300);
    expect([quitting.status, disconnecting.status]).toEqual(['end', 'end']);
  });

  it('keeps disconnect(true) a reconnect', async () => {
    const redis = client(true);
    await redis.connect();
    redis.disconnect(true);
    await sleep(20);
    await whenReady(redis, 5000);
    expect(await redis.ping()).toBe('PONG');
  });
});
