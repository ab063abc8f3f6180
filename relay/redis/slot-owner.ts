import type { Cluster, Redis } from 'ioredis';
import { keySlot } from './key-slot.js';

/** ioredis's pool of node connections, keyed as its slot map names them ('host:port'). */
interface ConnectionPool {
  getInstanceByKey(key: string): Redis | undefined;
}

/**
 * The ready connection to the primary serving `key`'s slot, as the cluster client's slot map has
 * it now; undefined when the map has no owner for it or that connection is not up.
 *
 * Why: `Cluster.sendCommand` gives each command two closures (a wrapper of its reject that
 * follows redirects, the function that picks a node) and an object, registers it in a WeakSet and
 * works out its slot again; a send to the known owner's connection does none of that (what it saved:
 * `RedisScript.run`, script-command.ts). `slots` and the pool are ioredis internals (5.x), read
 * here only.
 */
export function slotOwner(cluster: Cluster, key: string): Redis | undefined {
  if (cluster.status !== 'ready') return undefined;
  const owner = cluster.slots[keySlot(key)]?.[0];
  return owner === undefined ? undefined : nodeConnection(cluster, owner);
}

/** The ready connection of the pool to the node the slot map names `address` ('host:port'); undefined when it has none or it is not up. */
export function nodeConnection(cluster: Cluster, address: string): Redis | undefined {
  const node = (cluster as unknown as { connectionPool: ConnectionPool }).connectionPool.getInstanceByKey(address);
  return node?.status === 'ready' ? node : undefined;
}

/**
 * The error of a command sent straight to a node, when the cluster client's own path would have
 * retried it: the node does not serve the slot (MOVED, ASK: the map is stale), the cluster is
 * between states (CLUSTERDOWN, TRYAGAIN), or the connection closed under it. The first four say
 * the command did not run; after a closed connection it may have, which the cluster client
 * retries too (a repeated append is answered as the duplicate it is).
 */
export function clusterWouldRetry(error: unknown): boolean {
  return error instanceof Error && (/^(MOVED|ASK|CLUSTERDOWN|TRYAGAIN) /.test(error.message) || error.message === 'Connection is closed.');
}
