import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Message } from '../../shared/index.js';
import { EMPTY_ROOM_TTL_SEC, NO_EPOCH, rebuildDuplicate, REPLICA_ACK_TIMEOUT_MS, RoomLimitError, REPLICA_POLL_MS, type AppendOutcome, type AppendRequest, type MessageStore, type MessageStoreLimits, type RoomAdvance, type RoomHead } from './message-store.js';
import { LuaScripts, type LuaScriptInput, type LuaScriptReplies } from './lua-scripts.js';

type StreamEntry = [id: string, fields: string[]];

/**
 * History on Redis: per room a hash (seq counter + epoch) and a stream whose entry ids are
 * `<seq>-0`, so range reads by seq are plain XRANGE calls and trimming is MAXLEN.
 */
export class RedisMessageStore implements MessageStore {
  private readonly scripts: LuaScripts;
  private readonly channel: string;
  private readonly roomIndexKey: string;
  private readonly listeners = new Set<(advance: RoomAdvance) => void>();
  private readonly onSignal = (channel: string, payload: string) => {
    if (channel !== this.channel) return;
    // "room seq epoch json": room names and epochs contain no spaces; the JSON may.
    const first = payload.indexOf(' ');
    const second = payload.indexOf(' ', first + 1);
    const third = payload.indexOf(' ', second + 1);
    if (first < 0 || second < 0) return;
    const room = payload.slice(0, first);
    const lastSeq = Number(payload.slice(first + 1, second));
    const epoch = payload.slice(second + 1, third < 0 ? undefined : third);
    let message: Message | undefined;
    try {
      message = third < 0 ? undefined : (JSON.parse(payload.slice(third + 1)) as Message);
    } catch {
      message = undefined; // the feed then reads the stream instead
    }
    const advance = { room, lastSeq, epoch, ...(message ? { message } : {}) };
    this.listeners.forEach((listener) => listener(advance));
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
    const head = `{"id":${JSON.stringify(request.id)},"seq":`;
    const rest = JSON.stringify({ clientId: request.clientId, room: request.room, user: { id: request.user.id, name: request.user.name }, text: request.text, time: request.time });
    const tail = `,${rest.slice(1)}`;
    const reply = await this.run({
      meta: this.key('meta', request.room),
      log: this.key('log', request.room),
      dedupe: `${this.key('dedupe', request.room)}:${request.user.id}:${request.clientId}`,
      bucket: `${this.prefix}bucket:${request.user.id}`,
      rooms: `${this.prefix}rooms`,
      roomIndex: this.roomIndexKey,
      jsonHead: head,
      jsonTail: tail,
      historyLimit: this.limits.historyLimit,
      dedupeTtlSec: this.limits.dedupeTtlSec,
      newEpoch: randomUUID(),
      room: request.room,
      channel: this.channel,
      ratePerSec: this.limits.ratePerSec,
      burst: this.limits.burst,
      dedupeTail: ` ${request.id} ${request.time}`,
      maxRooms: this.limits.maxRooms ?? 0,
    });
    if (reply[0] === 'rate_limited') return { status: 'rate_limited' };
    if (reply[0] === 'room_limit') return { status: 'room_limit' };
    if (reply[0] === 'duplicate_record') return { status: 'duplicate', message: fromDedupeRecord(reply[1], request) };
    const message = JSON.parse(reply[1]) as Message;
    if (reply[0] === 'duplicate') return { status: 'duplicate', message };
    return { status: 'stored', message, epoch: reply[2] };
  }

  /** The append script, followed in the same round trip by WAIT when replicas must confirm. */
  private async run(input: LuaScriptInput<'appendMessage'>): Promise<LuaScriptReplies['appendMessage']> {
    const replicas = this.replicasForAck;
    if (replicas === 0) return this.scripts.run('appendMessage', input);
    const pipeline = this.redis.pipeline();
    this.scripts.queue(pipeline, 'appendMessage', input);
    pipeline.wait(replicas, REPLICA_ACK_TIMEOUT_MS);
    type Reply<T> = [Error | null, T];
    const [[appendError, result], [waitError, confirmed]] = (await pipeline.exec()) as [Reply<LuaScriptReplies['appendMessage']>, Reply<number>];
    if (appendError) throw appendError;
    // A duplicate is checked too: its first attempt may have been stored but never confirmed.
    if (result[0] !== 'rate_limited' && (waitError || confirmed < replicas)) {
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
    const upto = Number.isFinite(uptoSeq) ? String(uptoSeq) : '+';
    const entries = (await this.redis.xrange(this.key('log', room), String(afterSeq + 1), upto, 'COUNT', limit)) as StreamEntry[];
    return entries.map(toMessage);
  }

  async latest(room: string, uptoSeq: number, limit: number): Promise<Message[]> {
    if (uptoSeq <= 0 || limit <= 0) return [];
    const upto = Number.isFinite(uptoSeq) ? String(uptoSeq) : '+';
    const entries = (await this.redis.xrevrange(this.key('log', room), upto, '-', 'COUNT', limit)) as StreamEntry[];
    return entries.map(toMessage).reverse();
  }

  async rooms(): Promise<Array<{ room: string; lastSeq: number }>> {
    const rooms = await this.redis.smembers(`${this.prefix}rooms`);
    if (rooms.length === 0) return [];
    const pipeline = this.redis.pipeline();
    rooms.forEach((room) => pipeline.hget(this.key('meta', room), 'seq'));
    const results = (await pipeline.exec()) ?? [];
    return rooms
      .map((room, i) => ({ room, lastSeq: Number(results[i]?.[1] ?? 0) }))
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

  private key(kind: 'meta' | 'log' | 'dedupe', room: string): string {
    return `${this.prefix}room:${room}:${kind}`;
  }
}

function toMessage([, fields]: StreamEntry): Message {
  // Fields are ['m', json]; the stream holds nothing else.
  return JSON.parse(fields[1] as string) as Message;
}

/** A dedupe record as the append script stores it: 'seq id time'. */
function fromDedupeRecord(record: string, retry: AppendRequest): Message {
  const [seq = '0', id = '', time = ''] = record.split(' ');
  return rebuildDuplicate({ seq: Number(seq), id, time }, retry);
}
