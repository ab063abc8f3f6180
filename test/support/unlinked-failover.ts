import type { MessageStore } from '../../relay/store/message-store.js';
import { request } from '../../relay/store/message-store.suite.js';
import { withRedisClient } from '../../scripts/cluster/redis-query.mjs';
import { waitFor } from '../../scripts/cluster/wait-for.mjs';

export interface UnlinkedFailover {
  store: MessageStore;
  room: string;
  primaryPort: number;
  replicaPort: number;
  killPrimary(): Promise<void>;
  /** Whether the replica now serves the room as its primary. */
  promoted(): Promise<boolean>;
  promotionTimeoutMs: number;
  /** The replica was unlinked (unlinkReplica) before the store started: nothing is acked before the kill. */
  alreadyUnlinked?: boolean;
}

/**
 * The window replica acks must cover: a replica that is up but has lost its link when its
 * primary dies is still promoted, without what it missed. Sends every 10 ms to `room`; once
 * some are acked, breaks the replica's link (a wrong `masterauth`: it stays up but cannot
 * resync), SIGKILLs the primary 1.5 s later, waits for the replica's promotion and for sends to
 * be acked again. Returns the acked messages the promoted replica lacks and how many sends were
 * refused meanwhile. The caller restores the replica's `masterauth` and restarts the primary.
 * With `alreadyUnlinked`, sending starts with the link already broken.
 */
export async function failoverToUnlinkedReplica(run: UnlinkedFailover): Promise<{ missing: string[]; refusedWhileUnlinked: number }> {
  const acked: string[] = [];
  let refusedWhileUnlinked = 0;
  let unlinked = run.alreadyUnlinked === true;
  let sending = true;
  const sender = (async () => {
    while (sending) {
      const sent = await run.store.append(request({ room: run.room })).catch(() => undefined);
      if (sent?.status === 'stored') acked.push(sent.message.id);
      else if (unlinked) refusedWhileUnlinked++;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  try {
    if (!unlinked) {
      await waitFor(() => acked.length >= 5 || undefined, { timeoutMs: 5000, what: 'sends to be acked with the replica linked' });
      await unlinkReplica(run.primaryPort, run.replicaPort);
      unlinked = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await run.killPrimary();
    await waitFor(async () => (await run.promoted().catch(() => false)) || undefined, {
      timeoutMs: run.promotionTimeoutMs,
      intervalMs: 200,
      what: `the unlinked replica of ${run.room} to be promoted`,
    });
    const ackedBefore = acked.length;
    await waitFor(() => acked.length > ackedBefore || undefined, { timeoutMs: 15_000, what: `sends to ${run.room} to be acked again after the failover` });
  } finally {
    sending = false;
    await sender;
  }
  const kept = new Set((await run.store.range(run.room, 0, Number.MAX_SAFE_INTEGER, 100_000)).map((m) => m.id));
  return { missing: acked.filter((id) => !kept.has(id)), refusedWhileUnlinked };
}

/** Breaks the replica's link to its primary: a wrong `masterauth`, so it stays up but cannot resync. */
export async function unlinkReplica(primaryPort: number, replicaPort: number): Promise<void> {
  await withRedisClient(replicaPort, (c) => c.config('SET', 'masterauth', 'not-the-password'));
  await withRedisClient(primaryPort, (c) => c.client('KILL', 'TYPE', 'replica'));
}

/** Lets the replica resync again (after failoverToUnlinkedReplica). */
export function relinkReplica(port: number): Promise<unknown> {
  return withRedisClient(port, (c) => c.config('SET', 'masterauth', '')).catch(() => undefined);
}
