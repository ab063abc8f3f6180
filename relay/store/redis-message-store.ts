import { randomId } from '../identity/random-id.js';
import type { RedisClient } from '../redis/redis-connection.js';
import { REACTIONS_MAX, type Message } from '../../shared/index.js';
import { appendFixedArgs, appendScriptInput, type AppendFixedArgs } from './append-script-input.js';
import { entryOf, jsonMembers, textEntryJson, textJsonTail } from './entry-state.js';
import { EMPTY_ROOM_TTL_SEC, NO_EPOCH, rebuildDuplicate, textEntry, RoomLimitError, type AppendOutcome, type AppendRequest, type ChangeOutcome, type ChangeRequest, type MessageStore, type MessageStoreLimits, type ReaderState, type RoomAdvance, type RoomHead } from './message-store.js';
import { EncodedEntry } from './encoded-entry.js';
import { parseAdvanceSignal } from './advance-signal.js';
import { LuaScripts, type LuaScriptInput, type LuaScriptReplies } from './lua-scripts.js';
import { RedisRateLimit } from './redis-rate-limit.js';
import { readReaderStates } from './redis-reader-states.js';
import { RedisReplicaAcks, type ReplicaAckChange } from './redis-replica-acks.js';
import { RedisRoomIndex } from './redis-room-index.js';
import { RedisRoomKeys, type RoomKeyNames } from './redis-room-keys.js';

type AppendScript = 'appendMessage' | 'appendChange';
/** What the relay passes to an append script itself, after the steps before it. */
type StepArgs = 'tokenTaken' | 'admitted' | 'bucket' | 'ratePerSec' | 'burst';
type AppendReply<N extends AppendScript> = LuaScriptReplies[N] | ['room_limit'];

/** Refusals the script makes before its rate limit: they must not cost the sender a token (taken as a step of its own). */
const BEFORE_RATE_LIMIT = new Set(['duplicate', 'duplicate_record', 'not_found', 'forbidden', 'too_late', 'too_many_reactions', 'unchanged']);

/**
 * History on Redis: per room a hash (seq counter, epoch, topic), a stream whose entry ids are
 * `<seq>-0` (range reads by seq are XRANGE calls, trimming is MAXLEN), and two sorted sets by
 * seq — the ids of the messages a change may target, and the current state of changed messages —
 * trimmed by score with the stream. The layout is described in lua/room-stream.lua.
 */
export class RedisMessageStore implements MessageStore {
  private readonly scripts: LuaScripts;
  private readonly roomPrefix: string;
  private readonly roomKeys: RedisRoomKeys;
  private readonly rateLimit: RedisRateLimit;
  private readonly index: RedisRoomIndex;
  private readonly acks: RedisReplicaAcks;
  private readonly fixedArgs: AppendFixedArgs;
  private readonly listeners = new Set<(advance: RoomAdvance) => void>();
  private readonly onSignal = (channel: string, payload: string) => {
    if (!channel.startsWith(this.roomPrefix)) return;
    const advance = parseAdvanceSignal(payload);
    if (advance) this.listeners.forEach((listener) => listener(advance));
  };

  /**
   * @param redis commands (its offline queue off, so a Redis outage fails fast as `unavailable`)
   * @param subscriber a dedicated connection for the rooms' advance channels (resubscribes by itself)
   * @param onReplicaAcks told when a primary's REDIS_REPLICA_ACKS state changes (redis-replica-acks.ts)
   */
  constructor(
    private readonly redis: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly limits: MessageStoreLimits,
    private readonly prefix = 'relay:',
    onReplicaAcks?: (change: ReplicaAckChange) => void,
  ) {
    this.scripts = new LuaScripts(redis);
    this.roomPrefix = `${prefix}room:`;
    this.roomKeys = new RedisRoomKeys(prefix);
    this.rateLimit = new RedisRateLimit(this.scripts, prefix, limits.ratePerSec, limits.burst);
    this.index = new RedisRoomIndex(redis, this.scripts, prefix, limits.maxRooms ?? 0);
    this.acks = new RedisReplicaAcks(redis, this.scripts, limits.replicaAcks ?? 0, onReplicaAcks, limits.replicaPollMs);
    this.fixedArgs = appendFixedArgs(limits);
  }

  /** Replicas a send to `room` waits for (REDIS_REPLICA_ACKS, bounded by what the room's shard has). */
  replicasForAck(room: string): number {
    return this.acks.replicasFor(this.key('meta', room));
  }

  /** Listens for the advance signals of the rooms followed from now on. */
  async start(): Promise<void> {
    this.subscriber.on('smessage', this.onSignal);
    await this.acks.start();
  }

  async follow(room: string): Promise<void> {
    await this.subscriber.ssubscribe(this.key('advance', room));
  }

  async unfollow(room: string): Promise<void> {
    await this.subscriber.sunsubscribe(this.key('advance', room));
  }

  async append(request: AppendRequest): Promise<AppendOutcome> {
    // The JSON is built here around the one field Redis decides (seq), so the script only
    // concatenates: no JSON work inside Redis, and the stored bytes are exactly what clients get.
    const { replyTo } = request;
    const input = appendScriptInput(request, this.roomKeys.of(request.room), this.fixedArgs);
    input.jsonTail = textJsonTail(request);
    if (replyTo) {
      input.replyToId = replyTo.id;
      input.replyToSeq = String(replyTo.seq);
    }
    const reply = await this.store('appendMessage', request, input);
    if (reply[0] !== 'stored') return this.outcome(reply, request) as AppendOutcome;
    // A stored message is answered with its seq: the entry, and its JSON, are what this request built.
    const seq = reply[1];
    return { status: 'stored', message: textEntry(request, seq), epoch: reply[2], encoded: new EncodedEntry(request.room, seq, textEntryJson(input.jsonHead, seq, input.jsonTail)) };
  }

  async change(request: ChangeRequest): Promise<ChangeOutcome> {
    const rest = { clientId: request.clientId, room: request.room, user: { id: request.user.id, name: request.user.name }, text: request.text, time: request.time };
    const reply = await this.store(
      'appendChange',
      request,
      Object.assign(appendScriptInput(request, this.roomKeys.of(request.room), this.fixedArgs), {
        jsonTail: `,"kind":${JSON.stringify(request.kind)}${jsonMembers(rest)}`,
        kind: request.kind,
        targetId: request.targetId,
        targetIdJson: JSON.stringify(request.targetId),
        userId: request.user.id,
        text: request.text,
        time: request.time,
        editCutoff: request.editCutoff,
        emoji: request.emoji,
        emojiJson: JSON.stringify(request.emoji),
        on: request.on ? '1' : '0',
        reactionsMax: REACTIONS_MAX,
      }),
    );
    if (reply[0] === 'unchanged') return { status: 'unchanged', message: entryOf(reply[1], reply[2]) };
    return this.outcome(reply, request);
  }

  /**
   * An append script with the steps around it that live on other shards in a Redis Cluster: the
   * sender's token before it (redis-rate-limit.ts), a new room's admission when the script asks
   * for it, and listing the room after its first entry (redis-room-index.ts argues both). On one
   * Redis (or Sentinel) the script takes the token itself: a round trip less on every send.
   */
  private async store<N extends AppendScript>(name: N, request: AppendRequest | ChangeRequest, input: Omit<LuaScriptInput<N>, StepArgs>): Promise<AppendReply<N>> {
    const userId = request.user.id;
    const meta = this.key('meta', request.room);
    const inline = !this.redis.isCluster;
    const taken = inline || (await this.rateLimit.take(userId));
    // `input` is this call's own object (appendScriptInput), its step fields set in place. On a cluster
    // `bucket` is a key of the room's slot, unused.
    const args = input as LuaScriptInput<N> & Record<StepArgs, string>;
    args.bucket = inline ? this.rateLimit.bucketOf(userId) : meta;
    args.tokenTaken = inline ? 'take' : taken ? '1' : '0';
    let reply: AppendReply<N> = await this.acks.run(name, args, meta);
    // The script asks for admission only past its rate limit: the token is taken by then, inline too.
    if (reply[0] === 'admit') {
      if (await this.index.admit(request.room)) {
        args.tokenTaken = '1';
        args.admitted = '1';
        reply = await this.acks.run(name, args, meta);
      } else {
        reply = ['room_limit'];
      }
    }
    if (!inline && taken && BEFORE_RATE_LIMIT.has(reply[0])) await this.rateLimit.giveBack(userId);
    // Stored already: a failed listing must not fail the send. The room stays 'unlisted', so its
    // next entry lists it.
    if (reply[0] === 'stored' && reply[3] === 'unlisted') await this.index.list(request.room, meta).catch(() => undefined);
    return reply;
  }

  private outcome(reply: AppendReply<'appendChange'> | Exclude<AppendReply<'appendMessage'>, ['stored', ...unknown[]]>, request: AppendRequest | ChangeRequest): ChangeOutcome {
    switch (reply[0]) {
      case 'duplicate_record':
        return { status: 'duplicate', message: fromDedupeRecord(reply[1], request) };
      case 'duplicate':
        return { status: 'duplicate', message: entryOf(reply[1], reply[2]) };
      case 'stored':
        return { status: 'stored', message: entryOf(reply[1]), epoch: reply[2] };
      case 'unchanged':
        return { status: 'unchanged', message: entryOf(reply[1], reply[2]) };
      case 'admit':
        throw new Error('an admitted room asked for admission again');
      default:
        return { status: reply[0] };
    }
  }

  async find(room: string, id: string): Promise<Message | undefined> {
    const seq = await this.redis.zscore(this.key('ids', room), id);
    if (seq === null) return undefined;
    const [found] = await this.read(room, seq, seq, 1, false);
    return found?.id === id ? found : undefined;
  }

  async readerState(room: string, userId: string, uptoSeq: number): Promise<ReaderState> {
    return (await this.readerStates(room, [userId], uptoSeq))[0]!;
  }

  readerStates(room: string, userIds: readonly string[], uptoSeq: number): Promise<ReaderState[]> {
    return readReaderStates(this.scripts, (kind) => this.key(kind, room), userIds, uptoSeq);
  }

  async markRead(room: string, userId: string, seq: number): Promise<{ readSeq: number; moved: boolean }> {
    const [readSeq, moved] = await this.scripts.run('roomRead', { meta: this.key('meta', room), reads: this.key('reads', room), userId, seq });
    return { readSeq: Number(readSeq), moved: Number(moved) === 1 };
  }

  async head(room: string, create = true): Promise<RoomHead> {
    const maxRooms = this.limits.maxRooms ?? 0;
    // One object, changed in place for the retry: no spread plus more properties on the join path
    // (see append-script-input.ts).
    const input = { meta: this.key('meta', room), log: this.key('log', room), newEpoch: randomId(), create: create ? '1' : '0', emptyTtlMs: EMPTY_ROOM_TTL_SEC * 1000, maxRooms, admitted: '0' };
    let reply = await this.scripts.run('roomHead', input);
    const admitted = reply[0] === 'admit';
    if (admitted) {
      if (!(await this.index.admit(room))) throw new RoomLimitError(room);
      input.admitted = '1';
      reply = await this.scripts.run('roomHead', input);
    }
    const [epoch, seq, firstId] = reply as [string, string, string];
    const lastSeq = Number(seq);
    // An empty room lives while it is joined: its index entry too (the admission just set it).
    if (create && lastSeq === 0 && maxRooms > 0 && !admitted) await this.index.renew(room);
    const firstSeq = firstId ? Number(firstId.split('-')[0]) : lastSeq + 1;
    return { epoch: epoch || NO_EPOCH, lastSeq, firstSeq };
  }

  async advances(rooms: string[]): Promise<RoomAdvance[]> {
    if (rooms.length === 0) return [];
    const results = await this.metaOf(rooms, 'epoch', 'seq');
    return rooms.flatMap((room, i) => {
      const [epoch, seq] = results[i] ?? [];
      return epoch ? [{ room, epoch, lastSeq: Number(seq ?? 0) }] : [];
    });
  }

  async range(room: string, afterSeq: number, uptoSeq: number, limit: number): Promise<Message[]> {
    if (uptoSeq <= afterSeq || limit <= 0) return [];
    return this.read(room, String(afterSeq + 1), Number.isFinite(uptoSeq) ? String(uptoSeq) : '+', limit, false);
  }

  async latest(room: string, uptoSeq: number, limit: number): Promise<Message[]> {
    if (uptoSeq <= 0 || limit <= 0) return [];
    return this.read(room, '-', Number.isFinite(uptoSeq) ? String(uptoSeq) : '+', limit, true);
  }

  /** One round trip: the entries and the current state of the text ones among them. */
  private async read(room: string, from: string, upto: string, count: number, newest: boolean): Promise<Message[]> {
    const flat = await this.scripts.run('readEntries', { log: this.key('log', room), state: this.key('state', room), from, upto, count, newest: newest ? '1' : '0' });
    const entries: Message[] = [];
    for (let i = 0; i < flat.length; i += 2) entries.push(entryOf(flat[i] as string, flat[i + 1]));
    return entries;
  }

  async rooms(): Promise<Array<{ room: string; lastSeq: number; topic: string }>> {
    const rooms = await this.index.listed();
    const results = await this.metaOf(rooms, 'seq', 'topic');
    return rooms
      .map((room, i) => {
        const [seq, topic] = results[i] ?? [];
        return { room, lastSeq: Number(seq ?? 0), topic: topic ?? '' };
      })
      .filter((r) => r.lastSeq > 0);
  }

  /**
   * Fields of many rooms' meta hashes. One HMGET per room, sent back to back without waiting
   * (one round trip on one Redis); not a pipeline, which a Redis Cluster client refuses across
   * slots. A room whose read failed reads as missing, as a room with no meta does.
   */
  private metaOf(rooms: string[], ...fields: string[]): Promise<Array<Array<string | null>>> {
    return Promise.all(rooms.map((room) => this.redis.hmget(this.key('meta', room), ...fields).catch(() => [])));
  }

  onAdvance(listener: (advance: RoomAdvance) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.acks.stop();
    await this.rateLimit.close();
    this.listeners.clear();
    this.subscriber.off('smessage', this.onSignal);
  }

  private key(kind: keyof RoomKeyNames, room: string): string {
    return this.roomKeys.of(room)[kind];
  }
}

/** A dedupe record as the append scripts store it: 'seq id time[ targetSeq]'. */
function fromDedupeRecord(record: string, retry: AppendRequest | ChangeRequest): Message {
  const [seq = '0', id = '', time = '', targetSeq] = record.split(' ');
  return rebuildDuplicate({ seq: Number(seq), id, time, ...(targetSeq ? { targetSeq: Number(targetSeq) } : {}) }, retry);
}
