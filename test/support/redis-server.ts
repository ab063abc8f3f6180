// The unit tests of relay/store start their throwaway Redis through this path.
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startRedisServer, type RedisServer } from '../../scripts/cluster/redis-server.mjs';

export { startRedisServer, type RedisServer };

/**
 * One throwaway redis-server for the calling test file, with a client on it: started before its
 * tests, stopped after them. Read `server` and `redis` inside tests (they are set by then).
 * `connect()` gives a test a connection of its own (answering, so its socket is up), closed when
 * the test ends.
 */
export function useRedisServer(): { readonly server: RedisServer; readonly redis: Redis; connect(): Promise<Redis> } {
  let server: RedisServer | undefined;
  let redis: Redis | undefined;
  const connected: Redis[] = [];
  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis(server.url);
  });
  afterEach(() => {
    for (const client of connected.splice(0)) client.disconnect();
  });
  afterAll(async () => {
    redis?.disconnect();
    await server?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useRedisServer: read it inside a test, after beforeAll');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get redis() {
      return started(redis);
    },
    async connect() {
      const client = new Redis(started(server).url);
      connected.push(client);
      await client.ping();
      return client;
    },
  };
}
