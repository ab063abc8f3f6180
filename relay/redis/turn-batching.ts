import { Cluster, type Redis } from 'ioredis';
import type { RedisClient } from './redis-connection.js';

interface Corkable {
  cork(): void;
  uncork(): void;
  writable?: boolean;
}

/** Connections corked in this turn of the event loop, uncorked together when it ends. */
const corked = new Set<Corkable>();
/** What runs at the end of this turn, before the connections are uncorked (atTurnEnd). */
const endOfTurn: Array<() => void> = [];
let releaseDue = false;
/**
 * A batch this old (ms) when the turn issues another command goes out then, with that command,
 * rather than at the turn's end. A turn is normally far shorter; one that is not has been stopped
 * (a young-generation GC, the process waiting for a CPU) and then works off what queued up
 * meanwhile, and what its first sends wrote to Redis would otherwise wait for all of that too.
 * The age counts from the last flush, so a long turn still batches: at most one write per
 * connection per LATE_BATCH_MS of it (an overloaded relay, whose turns are long, keeps most of
 * what batching saves). Relay CPU per delivery in (c) did not tell 1 ms from 1,000 apart: 1.06×
 * and 1.06× stock, medians of 4 alternating single rounds each (2026-12-02, noisy box).
 */
export const LATE_BATCH_MS = 1;
let lateBatchMs = LATE_BATCH_MS;

/** Sets when a batch is late (tests: a longer time keeps a stalled CI box from splitting their batches). */
export function setLateBatchMs(ms: number): void {
  lateBatchMs = ms;
}
/** When the batch being corked started: its first command, or the last flush (performance.now()). */
let batchStarted = 0;
/** Set while a flush runs its hooks: the commands they send join that flush. */
let flushing = false;

function scheduleRelease(): void {
  if (releaseDue) return;
  releaseDue = true;
  batchStarted = performance.now();
  setImmediate(release);
}

function release(): void {
  try {
    flush();
  } finally {
    releaseDue = false;
  }
}

/** Sends what is corked now, end-of-turn hooks first (their commands join it, behind the rest). */
function flush(): void {
  // Commands the hooks send join this batch's writes (releaseDue stays set meanwhile, so they
  // schedule no release of their own). A hook that throws must not leave the connections
  // corked and the next release unscheduled: every later command would wait forever.
  flushing = true;
  try {
    for (const hook of endOfTurn.splice(0)) hook();
  } finally {
    flushing = false;
    for (const stream of corked) stream.uncork();
    corked.clear();
    batchStarted = performance.now();
  }
}

/**
 * Runs `hook` once this turn's commands are issued, before they leave: what it sends goes out in
 * the same write, behind them (script-then-wait.ts sends one WAIT per connection per turn so).
 * A hook must not throw.
 */
export function atTurnEnd(hook: () => void): void {
  endOfTurn.push(hook);
  scheduleRelease();
}

/**
 * Writes the commands a client sends within one turn of the event loop to each Redis connection
 * in one system call, instead of one per command.
 *
 * Under many small rooms (bench (c)) a replica runs about 3 append scripts per turn (the sends of
 * several sockets read in one poll), each its own `write`: a system call here, a read on Redis,
 * and on loopback the kernel's whole delivery to Redis inside that call. Corking the connection
 * at a turn's first command and uncorking it in `setImmediate` (the check phase, right after the
 * poll phase whose callbacks issued the commands) hands them to the kernel together; Redis then
 * reads them at once and its replies, and the signals the scripts publish, leave in one write per
 * connection as well. Nothing waits for a timer or for I/O: a command goes out at the end of the
 * turn that issued it, before the relay could have read its reply anyway; in a turn that runs
 * long (LATE_BATCH_MS), with the next command issued.
 *
 * ioredis writes every command to `redis.stream` (the net or TLS socket); that and
 * `sendCommand` are the internals relied on here, for single Redis and Sentinel clients and for
 * each node of a cluster (added later, as ioredis's `+node` events tell).
 *
 * ioredis's own `enableAutoPipelining` batches per turn too (it also waits for `setImmediate`),
 * by gathering the turn's commands into a pipeline. It was not what the bench measured
 * (docs/performance.md, 2026-11-30), and on a cluster it moves every command onto ioredis's
 * pipeline path for MOVED and failover retries, which the chaos suites have not exercised; client
 * CPU per script call, 3 per turn against one redis-server (6 runs each, median): 26.9 µs
 * unbatched, 22.6 auto-pipelined, 20.7 corked. Worth switching to once it is measured in (c) and
 * run through the cluster chaos suite.
 */
export function batchCommandsPerTurn(client: RedisClient): void {
  if (client instanceof Cluster) {
    for (const node of client.nodes()) corkPerTurn(node);
    client.on('+node', (node: Redis) => corkPerTurn(node));
  } else {
    corkPerTurn(client);
  }
}

const wrapped = new WeakSet<Redis>();

function corkPerTurn(redis: Redis): void {
  if (wrapped.has(redis)) return;
  wrapped.add(redis);
  const send = redis.sendCommand;
  redis.sendCommand = function (this: Redis, ...args: Parameters<Redis['sendCommand']>) {
    // A pipeline passes a stream of its own (it writes all its commands at once anyway); while
    // not ready, commands are queued or refused by ioredis and nothing is written.
    const stream = (redis as unknown as { stream?: Corkable }).stream;
    const batched = args[1] === undefined && redis.status === 'ready' && stream !== undefined && stream.writable !== false;
    if (batched && !corked.has(stream)) {
      scheduleRelease();
      stream.cork();
      corked.add(stream);
    }
    const sent = send.apply(this, args);
    // A late batch (lateBatchMs) leaves now, this command with it.
    if (batched && !flushing && performance.now() - batchStarted > lateBatchMs) flush();
    return sent;
  } as Redis['sendCommand'];
}
