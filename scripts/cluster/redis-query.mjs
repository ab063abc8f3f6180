// Short-lived connections for the launchers' readiness checks and questions (INFO, CLUSTER
// NODES, SENTINEL …): one attempt, no retries, so a dead node fails the check instead of hanging it.
import { Redis } from 'ioredis';

/**
 * Connects to 127.0.0.1:`port`, runs `use` with the connection and closes it.
 * @template T
 * @param {number} port
 * @param {(client: Redis) => Promise<T>} use
 * @returns {Promise<T>}
 */
export async function withRedisClient(port, use) {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, connectTimeout: 2000, commandTimeout: 5000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await use(client);
  } finally {
    client.disconnect();
  }
}

/**
 * Whether the primary on 127.0.0.1:`port` has a replica in sync (INFO replication: its first
 * replica's state is online).
 * @param {number} port
 * @returns {Promise<boolean>}
 */
export function hasReplicaInSync(port) {
  return withRedisClient(port, async (client) => /slave0:.*state=online/.test(await client.info('replication')));
}
