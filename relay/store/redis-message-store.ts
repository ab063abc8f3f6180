import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { REACTIONS_MAX, type Message } from '../../shared/index.js';
import { entryOf, jsonHead, jsonMembers } from './entry-state.js';
import {
  EMPTY_ROOM_TTL_SEC,
  NO_EPOCH,
  rebuildDuplicate,
  RoomLimitError,
  REPLICA_ACK_TIMEOUT_MS,
  REPLICA_POLL_MS,
  UNREAD_CAP,
  type AppendOutcome,
  type AppendRequest,
  type ChangeOutcome,
  type ChangeRequest,
  type MessageStore,
  type MessageStoreLimits,
  type ReaderState,
  type RoomAdvance,
  type RoomHead,
} from './message-store.js';
import { parseAdvanceSignal } from './advance-signal.js';
import { LuaScripts, type LuaScriptInput, type LuaScriptReplies } from './lua-scripts.js';

type AppendScript = 'appendMessage' | 'appendChange';

/**
 * History on Redis: per room a hash (seq counter, epoch, topic), a stream whose entry ids are
 * `<seq>-0` (range reads by seq are XRANGE calls, trimming is MAXLEN), and two sorted sets by
 * seq — the ids of the messages a change may target, and the current state of changed messages —
 * trimmed by score with the stream. The layout is described in lua/room-stream.lua.
 */
export class RedisMessageStore implements MessageStore {
  private readonly scripts: LuaScripts;
  private readonly channel: string;
  private readonly roomIndexKey: string;
  private readonly listeners = new Set<(advance: RoomAdvance) => void>();
  private readonly onSignal = (channel: string, payload: string) => {
    if (channel !== this.channel) return;
    const advance = parseAdvanceSignal(payload);
    if (advance) this.listeners.forEach((listener) => listener(advance));
  };


  /**
   * @param redis commands (its offline queue off, so a Redis outage fails fast as `unavailable`)
   * @param subscriber a dedicated connection for the advance channel (resubscribes by itself)
   */
  constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly limits: MessageStoreLimits,
    private readonly prefix = 'relay:',
  ) {
    this.scripts = new LuaScripts(redis);
    this.channel = `${prefix}advance`;
    this.roomIndexKey = `${prefix}room-index`;
  }

  /** Replicas the primary reports as connected; WAIT never asks for more than exist. */
  private connectedReplicas = 0;
  private replicaWatch: NodeJS.Timeout | undefined;

  /**
   * WAIT blocks this connection until enough replicas confirm, so asking for a replica that is
   * not there (after a failover, before a new one joins) would stall every command behind it.
   * The primary's replica count is polled instead, and WAIT asks for what can be had: with no
   * replica left, a message is acked once the primary has it (degraded, and logged by the relay).
   */
  private async refreshReplicas(): Promise<void> {
    const info = await this.redis.info('replication');
    this.connectedReplicas = Number(/connected_slaves:(\d+)/.exec(info)?.[1] ?? 0);
  }

  get replicasForAck(): number {
    return Math.min(this.limits.replicaAcks ?? 0, this.connectedReplicas);
  }

  /** Subscribes to the advance channel; resolves once subscribed. */
  async start(): Promise<void> {
    if ((this.limits.replicaAcks ?? 0) > 0) {
      await this.refreshReplicas().catch(() => undefined);
      this.replicaWatch = setInterval(() => void this.refreshReplicas().catch(() => undefined), REPLICA_POLL_MS);
      this.replicaWatch.unref();
    }
    this.subscriber.on('message', this.onSignal);
    await this.subscriber.subscribe(this.channel);
  }

  async append(request: AppendRequest): Promise<AppendOutcome> {
    // The JSON is built here around the one field Redis decides (seq), so the script only
    // concatenates: no JSON work inside Redis, and the stored bytes are exactly what clients get.
    const { replyTo, mentions } = request;
    const rest: Record<string, unknown> = { clientId: request.clientId, room: request.room, user: { id: request.user.id, name: request.user.name }, text: request.text, time: request.time };
    if (replyTo) rest.replyTo = replyTo;
    if (mentions?.length) rest.mentions = mentions;
    const reply = await this.run(
      'appendMessage',
      Object.assign(this.entryInput(request), { jsonTail: `${jsonMembers(rest)}}`, id: request.id, replyToId: replyTo?.id ?? '', replyToSeq: String(replyTo?.seq ?? 0) }),
    );
    return this.outcome(reply, request) as AppendOutcome;
  }

  async change(request: ChangeRequest): Promise<ChangeOutcome> {
    const rest = { clientId: request.clientId, room: request.room, user: { id: request.user.id, name: request.user.name }, text: request.text, time: request.time };
    const reply = await this.run(
      'appendChange',
      Object.assign(this.entryInput(request), {
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
   * What both append scripts take alike. One flat literal, extended with Object.assign: on Node
   * 20's V8, adding properties to an object made by spreading (`{ ...keys, more }`) takes tens of
   * µs per object (its map has no transitions to reuse) — most of the relay's own time per message.
   */
  private entryInput(request: AppendRequest | ChangeRequest) {
    const room = this.roomKeys(request.room);
    return {
      meta: room.meta,
      log: room.log,
      ids: room.ids,
      state: room.state,
      dedupe: `${this.key('dedupe', request.room)}:${request.user.id}:${request.clientId}`,
      bucket: `${this.prefix}bucket:${request.user.id}`,
      rooms: `${this.prefix}rooms`,
      roomIndex: this.roomIndexKey,
      jsonHead: jsonHead(request.id),
      historyLimit: this.limits.historyLimit,
      dedupeTtlSec: this.limits.dedupeTtlSec,
      newEpoch: randomUUID(),
      room: request.room,
      channel: this.channel,
      ratePerSec: this.limits.ratePerSec,
      burst: this.limits.burst,
      dedupeTail: ` ${request.id} ${request.time}`,
      maxRooms: this.limits.maxRooms ?? 0,
    };
  }

  private outcome(reply: LuaScriptReplies[AppendScript], request: AppendRequest | ChangeRequest): ChangeOutcome {
    switch (reply[0]) {
      case 'duplicate_record':
        return { status: 'duplicate', message: fromDedupeRecord(reply[1], request) };
      case 'duplicate':
        return { status: 'duplicate', message: entryOf(reply[1], reply[2]) };
      case 'stored':
        return { status: 'stored', message: entryOf(reply[1]), epoch: reply[2] };
      case 'unchanged':
        return { status: 'unchanged', message: entryOf(reply[1], reply[2]) };
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
    const input = { meta: this.key('meta', room), log: this.key('log', room), ids: this.key('ids', room), reads: this.key('reads', room), userId, upto: uptoSeq, cap: UNREAD_CAP };
    const [readSeq, topic, unread] = await this.scripts.run('roomReader', input);
    return { readSeq: Number(readSeq), topic, unread: Number(unread) };
  }

  async markRead(room: string, userId: string, seq: number): Promise<{ readSeq: number; moved: boolean }> {
    const [readSeq, moved] = await this.scripts.run('roomRead', { meta: this.key('meta', room), reads: this.key('reads', room), userId, seq });
    return { readSeq: Number(readSeq), moved: Number(moved) === 1 };
  }

  /** The append script, followed in the same round trip by WAIT when replicas must confirm. */
  private async run<N extends AppendScript>(name: N, input: LuaScriptInput<N>): Promise<LuaScriptReplies[N]> {
    const replicas = this.replicasForAck;
    if (replicas === 0) return this.scripts.run(name, input);
    const pipeline = this.redis.pipeline();
    this.scripts.queue(pipeline, name, input);
    pipeline.wait(replicas, REPLICA_ACK_TIMEOUT_MS);
    type Reply<T> = [Error | null, T];
    const [[appendError, result], [waitError, confirmed]] = (await pipeline.exec()) as [Reply<LuaScriptReplies[N]>, Reply<number>];
    if (appendError) throw appendError;
    // A duplicate is checked too: its first attempt may have been stored but never confirmed.
    // So is an unchanged reaction: the change that made it hold may not be confirmed yet.
    if (result.length > 1 && (waitError || confirmed < replicas)) {
      // Stored on the primary but not yet confirmed by a replica: not acked. The client's retry
      // with the same clientId gets it as a duplicate once the replica has caught up.
      // Fewer replicas answered than were counted (a failover took one): stop asking for more
      // at once, or every later WAIT would block the connection for its whole timeout.
      if (!waitError) this.connectedReplicas = Math.min(this.connectedReplicas, confirmed);
      throw new Error(`only ${confirmed} of ${replicas} Redis replicas confirmed the message`);
    }
    return result;
  }

  async head(room: string, create = true): Promise<RoomHead> {
    const reply = await this.scripts.run('roomHead', {
      meta: this.key('meta', room),
      log: this.key('log', room),
      roomIndex: this.roomIndexKey,
      newEpoch: randomUUID(),
      create: create ? '1' : '0',
      room,
      emptyTtlMs: EMPTY_ROOM_TTL_SEC * 1000,
      maxRooms: this.limits.maxRooms ?? 0,
    });
    if (reply[0] === 'room_limit') throw new RoomLimitError(room);
    const [epoch, seq, firstId] = reply;
    const lastSeq = Number(seq);
    const firstSeq = firstId ? Number(firstId.split('-')[0]) : lastSeq + 1;
    return { epoch: epoch || NO_EPOCH, lastSeq, firstSeq };
  }

  async advances(rooms: string[]): Promise<RoomAdvance[]> {
    if (rooms.length === 0) return [];
    const pipeline = this.redis.pipeline();
    rooms.forEach((room) => pipeline.hmget(this.key('meta', room), 'epoch', 'seq'));
    const results = (await pipeline.exec()) ?? [];
    return rooms.flatMap((room, i) => {
      const [error, value] = results[i] ?? [null, null];
      const [epoch, seq] = (value as [string | null, string | null] | null) ?? [null, null];
      return !error && epoch ? [{ room, epoch, lastSeq: Number(seq ?? 0) }] : [];
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
    const rooms = await this.redis.smembers(`${this.prefix}rooms`);
    if (rooms.length === 0) return [];
    const pipeline = this.redis.pipeline();
    rooms.forEach((room) => pipeline.hmget(this.key('meta', room), 'seq', 'topic'));
    const results = (await pipeline.exec()) ?? [];
    return rooms
      .map((room, i) => {
        const [seq, topic] = (results[i]?.[1] as Array<string | null> | undefined) ?? [];
        return { room, lastSeq: Number(seq ?? 0), topic: topic ?? '' };
      })
      .filter((r) => r.lastSeq > 0);
  }

  onAdvance(listener: (advance: RoomAdvance) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    clearInterval(this.replicaWatch);
    this.listeners.clear();
    this.subscriber.off('message', this.onSignal);
  }

  private key(kind: 'meta' | 'log' | 'dedupe' | 'ids' | 'state' | 'reads', room: string): string {
    return `${this.prefix}room:${room}:${kind}`;
  }

  private roomKeys(room: string) {
    return { meta: this.key('meta', room), log: this.key('log', room), ids: this.key('ids', room), state: this.key('state', room) };
  }
}

/** A dedupe record as the append scripts store it: 'seq id time[ targetSeq]'. */
function fromDedupeRecord(record: string, retry: AppendRequest | ChangeRequest): Message {
  const [seq = '0', id = '', time = '', targetSeq] = record.split(' ');
  return rebuildDuplicate({ seq: Number(seq), id, time, ...(targetSeq ? { targetSeq: Number(targetSeq) } : {}) }, retry);
}
