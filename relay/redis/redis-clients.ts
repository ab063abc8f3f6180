import type { RedisConfig } from '../config.js';
import { createRedis, type RedisClient } from './redis-connection.js';

/**
 * The relay's Redis connections, one per purpose: a subscribed connection can run nothing else,
 * and the adapter's pair must not wait behind the stores' commands.
 */
export interface RedisClients {
  commands: RedisClient;
  subscriber: RedisClient;
  adapterPub: RedisClient;
  adapterSub: RedisClient;
}

export function createRedisClients(config: RedisConfig): RedisClients {
  return {
    commands: createRedis(config, 'commands'),
    subscriber: createRedis(config, 'subscriber'),
    adapterPub: createRedis(config, 'adapter'),
    adapterSub: createRedis(config, 'adapter-subscriber'),
  };
}

export async function quitAll(clients: RedisClients): Promise<void> {
  await Promise.all(Object.values(clients).map((client: RedisClient) => client.quit().catch(() => client.disconnect())));
}
