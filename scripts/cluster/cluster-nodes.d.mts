// Types for cluster-nodes.mjs (plain JavaScript so `npm run cluster` needs no build step).

export interface ClusterNode {
  id: string;
  host: string;
  port: number;
  /** myself, master, slave, fail?, fail, handshake, noaddr, nofailover, noflags. */
  flags: string[];
  /** The node it replicates; undefined for a primary. */
  primaryId: string | undefined;
  /** Whether this view's link to it (its cluster bus) is up. */
  connected: boolean;
  /** Inclusive [from, to] ranges of the hash slots it serves. */
  slots: Array<[number, number]>;
}

export const HASH_SLOTS: number;
export function parseClusterNodes(text: string): ClusterNode[];
export function seenFailing(node: ClusterNode): boolean;
export function servingPrimary(nodes: ClusterNode[], slot: number): ClusterNode | undefined;
