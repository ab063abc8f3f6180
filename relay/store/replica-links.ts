import { Redis, type RedisOptions } from 'ioredis';

/**
 * Reading replication state for replica acks (redis-replica-acks.ts): which replicas a primary
 * has in sync, which replicas a cluster primary has at all, and whether a replica is up but cut
 * off from its primary.
 */

/** A primary's replicas in sync ('ip:port'): its `slaveN:ip=…,port=…,state=online,…` INFO lines. */
export function onlineReplicas(info: string): Set<string> {
  const online = new Set<string>();
  for (const match of info.matchAll(/^slave\d+:(.*)$/gm)) {
    const fields = new Map((match[1] ?? '').trim().split(',').map((pair) => pair.split('=') as [string, string]));
    if (fields.get('state') === 'online') online.add(`${fields.get('ip')}:${fields.get('port')}`);
  }
  return online;
}

/**
 * A primary's replicas in sync ('ip:port') from its ROLE reply: `['master', offset, [[ip, port,
 * offset], …]]`, where Redis lists only the replicas in state online (as INFO's `state=online`).
 * Anything else (a node that is a replica now) has none.
 */
export function onlineInRole(reply: unknown): string[] {
  if (!Array.isArray(reply) || reply[0] !== 'master' || !Array.isArray(reply[2])) return [];
  return (reply[2] as unknown[]).filter((replica): replica is unknown[] => Array.isArray(replica) && replica.length >= 2).map(([ip, port]) => `${String(ip)}:${String(port)}`);
}

/**
 * The replicas ('ip:port') that the node which answered CLUSTER NODES (flag `myself`) has in
 * its view of the cluster, except those flagged failed (or not reachable by address yet): the
 * ones that could be promoted if it died.
 */
export function replicasOfMyself(clusterNodes: string): string[] {
  const lines = clusterNodes.split('\n').map((line) => line.trim().split(' ')).filter((fields) => fields.length >= 8);
  const myself = lines.find((fields) => fields[2]!.split(',').includes('myself'))?.[0];
  if (myself === undefined) return [];
  return lines
    .filter((fields) => fields[3] === myself && !fields[2]!.split(',').some((flag) => flag === 'fail' || flag === 'handshake' || flag === 'noaddr'))
    .map((fields) => fields[1]!.split('@')[0]!);
}

/** Whether a node's INFO says it is a replica whose link to its primary is down. */
export function linkDown(info: string): boolean {
  const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();
  return field('role') === 'slave' && field('master_link_status') !== 'up';
}

/**
 * The replica at `address` ('host:port') answers that its link is down, asked on a connection of
 * its own (the relay's clients keep none to replicas) with the relay's credentials. No answer
 * within `timeoutMs` is false: a replica that cannot be reached cannot be promoted either.
 */
export async function replicaLinkDown(address: string, options: RedisOptions, timeoutMs: number): Promise<boolean> {
  const at = address.lastIndexOf(':');
  // Straight to the replica: not through Sentinel, not as a cluster node.
  const { sentinels: _sentinels, name: _name, ...direct } = options;
  const probe = new Redis({
    ...direct,
    host: address.slice(0, at),
    port: Number(address.slice(at + 1)),
    connectionName: 'relay-replica-probe',
    lazyConnect: true,
    enableOfflineQueue: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
  });
  probe.on('error', () => undefined);
  try {
    return linkDown(await probe.info('replication'));
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
