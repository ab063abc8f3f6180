import type { ReplicaMemory, SoakLoad, SoakVerdict } from './soak-results.js';

/** A replica whose heap grows faster than this over the last half of the chat phase fails the soak. */
export const HEAP_SLOPE_LIMIT_MB_PER_MIN = 1;
/**
 * Growth is judged only when that last half spans at least this long. Heap used includes garbage
 * not yet collected: with 1,000 clients single samples swing by ±5 MB with the young generation's
 * collections, which over a 2-minute half faked slopes of ±1.7 MB/min (a 4-minute trial run);
 * over 4 minutes and more the fit's noise is a few tenths of a MB/min.
 */
export const MIN_JUDGED_HALF_MINUTES = 4;
/** …and holds at least this many samples per replica. */
const MIN_JUDGED_SAMPLES = 12;
/**
 * Full GCs in that half needed to judge the heap retained after them instead of heap used. Heap
 * used climbs between two full collections by the garbage the next one frees: on Node 24 that
 * sawtooth spans minutes and 15–20 MB, so the fit of plain samples over 5 minutes read 1.55
 * MB/min on one replica and 0.07 on the other of one run (2026-12-01), whose lowest readings did
 * not grow (32.9 then 29.9 MB): the slope followed where the last full GC fell.
 */
export const MIN_JUDGED_FULL_GCS = 3;

export const SOAK_RULE =
  'The soak fails (exit code 1) when any acked message is lost (not delivered to a member of its room, live or by the ' +
  'client\'s own `since` resume) or delivered twice to one client or stored twice; when a client could not connect, came ' +
  'back from a reconnect as another user, saw a room\'s epoch change, or had a message never acked by the end; when a ' +
  'replica could not be sampled; or when a replica\'s heap grew faster than ' +
  `${HEAP_SLOPE_LIMIT_MB_PER_MIN} MB/min over the last half of the chat phase (least-squares slope; judged ` +
  `when that half spans at least ${MIN_JUDGED_HALF_MINUTES} minutes). The heap judged is what the replica retains after ` +
  `its full garbage collections (\`relay_heap_used_after_full_gc_bytes\`, one point per sample that follows new ones) when that half holds at least ` +
  `${MIN_JUDGED_FULL_GCS} of them, else heap used as sampled, garbage included. RSS is reported, not judged: the allocator keeps ` +
  'freed pages, so RSS trails the heap.';

/** Applies SOAK_RULE to one run. */
export function soakVerdict(load: SoakLoad, replicas: ReplicaMemory[], expectedReplicas: number): SoakVerdict {
  const failures: string[] = [];
  const notes: string[] = [];
  const n = (value: number) => value.toLocaleString('en-US');
  const { deliveries: d, messages: m } = load;
  if (load.connectFailures > 0) failures.push(`${n(load.connectFailures)} of ${n(load.clients)} clients could not connect (first: ${load.connectErrors[0] ?? 'unknown'})`);
  if (d.lost > 0) failures.push(`${n(d.lost)} of ${n(d.owed)} deliveries of acked messages never arrived`);
  if (d.duplicateDeliveries > 0) failures.push(`${n(d.duplicateDeliveries)} live deliveries of a message the client already held`);
  if (d.duplicateStored > 0) failures.push(`${n(d.duplicateStored)} messages stored twice (a second seq for one clientId)`);
  if (d.epochChanges > 0) failures.push(`${n(d.epochChanges)} room epoch changes seen on resume (stored history lost)`);
  if (m.unacked > 0) failures.push(`${n(m.unacked)} messages typed but never acked`);
  if (load.reconnects.identityChanges > 0) failures.push(`${n(load.reconnects.identityChanges)} reconnects came back as another user`);
  if (replicas.length < expectedReplicas) failures.push(`memory samples from ${replicas.length} of ${expectedReplicas} replicas`);

  const halfMinutes = (load.phases.chatEndedAt - load.phases.chatStartedAt) / 2 / 60_000;
  for (const replica of replicas) {
    if (!replica.heap || !replica.rss) {
      failures.push(`${replica.replica}: no memory sample during the chat phase`);
      continue;
    }
    const retained = replica.retained && replica.retained.fullGcsInLastHalf >= MIN_JUDGED_FULL_GCS && replica.retained.slopeMBPerMin !== null ? replica.retained : null;
    const slope = retained ? retained.slopeMBPerMin : replica.heap.slopeMBPerMin;
    const judged = retained ? `heap retained after full GCs (${retained.fullGcsInLastHalf} of them)` : 'heap used';
    if (halfMinutes < MIN_JUDGED_HALF_MINUTES || replica.samples < MIN_JUDGED_SAMPLES || slope === null) {
      notes.push(`${replica.replica}: heap growth not judged (the last half of the chat phase spans ${halfMinutes.toFixed(1)} min; at least ${MIN_JUDGED_HALF_MINUTES} min and ${MIN_JUDGED_SAMPLES} samples are needed)`);
    } else if (slope > HEAP_SLOPE_LIMIT_MB_PER_MIN) {
      failures.push(`${replica.replica}: ${judged} grew ${slope.toFixed(2)} MB/min over the last half (limit ${HEAP_SLOPE_LIMIT_MB_PER_MIN})`);
    } else {
      notes.push(`${replica.replica}: ${judged} judged, ${slope.toFixed(2)} MB/min over the last half`);
    }
  }
  return { passed: failures.length === 0, rule: SOAK_RULE, failures, notes };
}
