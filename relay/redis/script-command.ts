import { createHash } from 'node:crypto';
import { Cluster, Command, type Redis } from 'ioredis';
import type { RedisClient } from './redis-connection.js';
import { clusterWouldRetry, slotOwner } from './slot-owner.js';

type Value = string | number;

/** After `*<count>`: the command name as the first bulk string. */
const EVAL_HEAD = '\r\n$4\r\neval\r\n';
const EVALSHA_HEAD = '\r\n$7\r\nevalsha\r\n';
const STAR = 0x2a;
const DOLLAR = 0x24;
const CR = 0x0d;
const LF = 0x0a;
/**
 * Each argument's UTF-8 length, from sizing the request to writing it: measured once. One array
 * for every request (a request is written in one synchronous call), so none is made per send; it
 * keeps the length of the longest request's argument list (a join burst's batch script: thousands).
 */
const argBytes: number[] = [];

function digits(n: number): number {
  return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10_000 ? 4 : n < 100_000 ? 5 : String(n).length;
}

/** `$<bytes>\r\n<text>\r\n` */
function bulkSize(bytes: number): number {
  return 1 + digits(bytes) + 2 + bytes + 2;
}

/** Writes `n` in decimal at `at`; returns the offset after it. */
function writeDigits(out: Buffer, at: number, n: number): number {
  const end = at + digits(n);
  for (let i = end - 1; i >= at; i--) {
    out[i] = 0x30 + (n % 10);
    n = Math.floor(n / 10);
  }
  return end;
}

/** Writes `text`, `bytes` long in UTF-8, as a bulk string at `at`; returns the offset after it. */
function writeBulk(out: Buffer, at: number, text: string, bytes: number): number {
  out[at] = DOLLAR;
  at = writeDigits(out, at + 1, bytes);
  out[at++] = CR;
  out[at++] = LF;
  at += out.write(text, at, 'utf8');
  out[at++] = CR;
  out[at++] = LF;
  return at;
}

/**
 * A Lua script sent as EVALSHA, or as EVAL the first time on a connection (so Redis never
 * answers NOSCRIPT there), its request written straight into one buffer.
 *
 * Why not ioredis's `defineCommand`: its command builds the request by string concatenation, a
 * few cons strings per argument (an append script has 24), and copies the arguments once more.
 * What a send holds while Redis answers is what survives the relay's young-generation GCs, and
 * ioredis's command was about 40 % of that under bench (c) (docs/performance.md, "Garbage
 * collection"). Store level, one Redis, 3 appends in flight (`RedisMessageStore.append`,
 * sampling heap profiler, 20,000 appends, twice each): 15.9 KB allocated per append with
 * `defineCommand`, 14.7 KB with the request joined from one array of parts (but 730 B per append
 * survived a young GC against 320), 10.8 KB written into a buffer as here (180 B survived).
 */
export class RedisScript {
  readonly sha: string;
  /** Connections (ioredis's sockets) that have been sent the script's source. */
  private loaded = new WeakSet<object>();

  constructor(readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  /**
   * The command for `args`: this script's `sha`, then numkeys, KEYS, ARGV (one array, built by
   * the caller in one pass: ioredis copies it once more). To hand to `sendCommand` of a client
   * or of a cluster node.
   */
  command(args: Value[]): Command {
    return new ScriptCommand(this, args);
  }

  /**
   * Runs the script on `client` (`args` as for `command`). On a cluster it goes straight to the
   * connection of its first key's primary when the slot map names one that is up (slot-owner.ts);
   * should that node not take it (MOVED, CLUSTERDOWN…), it goes again through the cluster client,
   * which follows redirects and waits out a failover as it always did. Relay CPU per append at the
   * store level on a 3 + 3 Redis Cluster (4 in flight, 40,000 appends over 200 rooms, a build
   * with a switch between the two, not committed; 2026-12-02): 63–76 µs straight to the node
   * against 72–77 through the cluster client, five alternating pairs, median ratio 0.89×.
   */
  run(client: RedisClient, args: Value[]): Promise<unknown> {
    // args: the SHA, numkeys, then the first key (every room script has one).
    if (client instanceof Cluster && Number(args[1]) > 0) {
      const node = slotOwner(client, String(args[2]));
      if (node) return this.runOnNode(client, node, args);
    }
    return this.runVia(client, args);
  }

  private async runOnNode(cluster: Cluster, node: Redis, args: Value[]): Promise<unknown> {
    try {
      return await node.sendCommand(this.command(args));
    } catch (error) {
      if (!clusterWouldRetry(error) && !this.unknownAfter(error)) throw error;
      return this.runVia(cluster, args);
    }
  }

  /** Through `client`'s own routing; after NOSCRIPT (SCRIPT FLUSH behind a kept connection) once more, as EVAL. */
  private async runVia(client: RedisClient, args: Value[]): Promise<unknown> {
    try {
      return await client.sendCommand(this.command(args));
    } catch (error) {
      if (!this.unknownAfter(error)) throw error;
      return client.sendCommand(this.command(args));
    }
  }

  /** Whether `error` is Redis's NOSCRIPT; then every connection is sent the source again. */
  unknownAfter(error: unknown): boolean {
    if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) return false;
    this.loaded = new WeakSet();
    return true;
  }

  /**
   * The RESP request for `args` (as for `command`): EVAL with the source when `socket` has not
   * had it yet, else EVALSHA. Written straight into one buffer (from Node's pool for requests
   * under 4 KB): no string of the request, no parts, on the heap while it waits to be written.
   */
  request(socket: object, args: readonly unknown[]): Buffer {
    const first = !this.loaded.has(socket);
    if (first) this.loaded.add(socket);
    const head = first ? EVAL_HEAD : EVALSHA_HEAD;
    const body = first ? this.lua : this.sha;
    const bodyBytes = Buffer.byteLength(body);
    let size = 1 + digits(args.length + 1) + head.length + bulkSize(bodyBytes);
    for (let i = 1; i < args.length; i++) size += bulkSize((argBytes[i] = Buffer.byteLength(String(args[i]))));
    const out = Buffer.allocUnsafe(size);
    out[0] = STAR;
    let at = writeDigits(out, 1, args.length + 1);
    at += out.write(head, at, 'latin1');
    at = writeBulk(out, at, body, bodyBytes);
    for (let i = 1; i < args.length; i++) at = writeBulk(out, at, String(args[i]), argBytes[i] as number);
    return out;
  }
}

/**
 * To ioredis an EVALSHA (its arguments after the name: the SHA, numkeys, KEYS, ARGV), so a
 * cluster routes it by its first key and follows redirects as usual; only what goes on the wire
 * is written here. The connection it is written to decides EVAL or EVALSHA, as ioredis's own
 * script command does: after a redirect or a reconnect it is written again, to another socket.
 */
class ScriptCommand extends Command {
  constructor(
    private readonly script: RedisScript,
    private readonly all: Value[],
  ) {
    // ioredis reads the keys (for the slot: the first one) from its `args`: the SHA, numkeys,
    // KEYS. It is handed only those three: it copies what it is given and checks every element
    // for Buffers and numbers, and a send's script has 24 arguments. The request is written from
    // `all` (toWritable). Constructing the command for a send's 24 arguments (a probe, 300,000
    // each way, not committed): 1.94 µs against 0.43 on Node 20, 0.40 against 0.18 on Node 24.
    super('evalsha', all.length > 3 ? [all[0]!, all[1]!, all[2]!] : all, { replyEncoding: 'utf8' });
  }

  override toWritable(socket: object): Buffer {
    return this.script.request(socket, this.all);
  }
}
