// Reads the reply of CLUSTER NODES: which node serves which hash slots, and who replicates whom.
// Pure, so it is tested without a cluster. CLUSTER NODES rather than CLUSTER SHARDS: the same
// text on every Redis version that has Cluster.

export const HASH_SLOTS = 16384;

/**
 * One line a node: `<id> <ip:port@bus[,hostname]> <flags> <primary id or -> <ping-sent>
 * <pong-recv> <config-epoch> <link-state> <slot or from-to> …`; slots being migrated are shown
 * in brackets and belong to their current owner, which lists them plainly too.
 * @param {string} text
 * @returns {import('./cluster-nodes.d.mts').ClusterNode[]}
 */
export function parseClusterNodes(text) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [id = '', address = '', flags = '', primaryId = '-', , , , linkState = '', ...slots] = line.split(' ');
      const hostPort = address.split('@')[0] ?? '';
      const colon = hostPort.lastIndexOf(':');
      return {
        id,
        host: hostPort.slice(0, colon),
        port: Number(hostPort.slice(colon + 1)),
        flags: flags.split(','),
        primaryId: primaryId === '-' ? undefined : primaryId,
        connected: linkState === 'connected',
        slots: slots
          .filter((slot) => !slot.startsWith('['))
          .map((slot) => {
            const [from, to = from] = slot.split('-').map(Number);
            return /** @type {[number, number]} */ ([from, to]);
          }),
      };
    });
}

/** Whether this view takes `node` for down (`fail`) or suspects it (`fail?`). */
export function seenFailing(node) {
  return node.flags.includes('fail') || node.flags.includes('fail?');
}

/**
 * The primary that serves `slot` in this view: the one listing it, unless it is seen failing
 * (then nobody serves it until a replica has taken over).
 * @param {import('./cluster-nodes.d.mts').ClusterNode[]} nodes
 * @param {number} slot
 */
export function servingPrimary(nodes, slot) {
  return nodes.find(
    (node) => node.flags.includes('master') && !seenFailing(node) && node.slots.some(([from, to]) => from <= slot && slot <= to),
  );
}
