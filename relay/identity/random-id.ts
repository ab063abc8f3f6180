import { randomFillSync } from 'node:crypto';

/** Random bytes per id: as many as a UUID v4 has random bits, and then some (128 against 122). */
const ID_BYTES = 16;
/** Ids per refill of the random pool: one `randomFillSync` for this many sends. */
const IDS_PER_FILL = 256;

const pool = Buffer.alloc(ID_BYTES * IDS_PER_FILL);
let next = pool.length;

/**
 * A fresh random id (128 bits, base64url, 22 characters): what the relay names a stored entry
 * and a new room's epoch with. Unguessable and unique across the cluster like a UUID v4, and it
 * fits the protocol's id pattern (`[A-Za-z0-9_-]`, at most 64).
 *
 * Why not `crypto.randomUUID()`: every send made two (the entry's id and the epoch its room would
 * get if the send created it), and Node builds each UUID's string from 20 concatenated pieces:
 * about 900 bytes of garbage per UUID (sampling heap profiler, store level), the largest single
 * item of what a send allocates in the store. Here an id is one string cut from a pool of random
 * bytes that is refilled every IDS_PER_FILL ids.
 */
export function randomId(): string {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  const id = pool.toString('base64url', next, next + ID_BYTES);
  next += ID_BYTES;
  return id;
}
