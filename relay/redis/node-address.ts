/**
 * A cluster node's connection as ioredis's slot map names it (`cluster.slots[slot][0]` for a
 * slot's primary): 'host:port' of the options the pool created it with.
 */
export function nodeAddress(node: { readonly options: { readonly host?: string; readonly port?: number } }): string {
  return `${node.options.host}:${node.options.port}`;
}
