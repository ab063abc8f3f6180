import { fileURLToPath } from 'node:url';
import { RELAY_NODE_FLAGS } from '../../scripts/relay-node-flags.mjs';
import { waitFor } from '../../scripts/cluster/wait-for.mjs';
import type { RelayReplica } from './relay-process.js';

/**
 * Node flags for a relay whose retained heap a test reads: the relay's own, plus a preload that
 * runs a full collection on SIGUSR2 (full-gc-on-signal.mjs).
 *
 * Why not wait for V8: heap used includes garbage until a full collection, and an idle relay
 * may not run one for minutes. The slow-reader test waited up to 30 s for the dropped backlog
 * (48 MB, in the old generation) to be collected; scavenges kept freeing the young generation
 * while the old stayed 51–61 MB up, and the test failed on a busy CI machine. Collected on
 * demand, the figure is what the relay holds, and a negative control's growth is live data.
 */
export const FULL_GC_NODE_ARGS: readonly string[] = [...RELAY_NODE_FLAGS, '--expose-gc', `--import=${fileURLToPath(new URL('./full-gc-on-signal.mjs', import.meta.url))}`];

const sent = new WeakMap<RelayReplica, number>();

/** Runs a full collection in `relay` (started with FULL_GC_NODE_ARGS) and resolves once it is done. */
export async function fullGc(relay: RelayReplica): Promise<void> {
  if (relay.pid === undefined) throw new Error(`${relay.id} is not running`);
  const n = (sent.get(relay) ?? 0) + 1;
  sent.set(relay, n);
  process.kill(relay.pid, 'SIGUSR2');
  await waitFor(() => relay.output().includes(`full-gc ${n}\n`), { timeoutMs: 10_000, what: `${relay.id} to finish full collection ${n} (started with FULL_GC_NODE_ARGS?)` });
}
