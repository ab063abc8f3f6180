import { randomId } from '../identity/random-id.js';
import { applyChange, reactionUsers, REACTIONS_MAX, type Message } from '../../shared/index.js';
import {
  EMPTY_ROOM_TTL_SEC,
  NO_EPOCH,
  rebuildDuplicate,
  textEntry,
  RoomLimitError,
  UNREAD_CAP,
  type AppendOutcome,
  type AppendRequest,
  type ChangeOutcome,
  type ChangeRequest,
  type DedupeRecord,
  type MessageStore,
  type MessageStoreLimits,
  type ReaderState,
  type RoomAdvance,
  type RoomHead,
} from './message-store.js';
import { fullBucket, takeToken, type Bucket } from './token-bucket.js';

interface RoomLog {
  epoch: string;
  lastSeq: number;
  /** Kept entries, oldest first, `text` ones in their current state; entries[i].seq === firstSeq + i. */
  entries: Message[];
  /** Kept, not deleted `text` entries: id → seq. */
  live: Map<string, number>;
  topic: string;
  /** user id → highest seq read. */
  reads: Map<string, number>;
  /** While the room has no history: when it is forgotten unless joined again (EMPTY_ROOM_TTL_SEC). */
  emptyUntil: number;
}

type Decided = { status: 'rate_limited' | 'room_limit' } | { status: 'duplicate'; message: Message } | { status: 'go'; log: RoomLog; seq: number };

/** Single-process history: the embedded default when no REDIS_URL is set. */
export class MemoryMessageStore implements MessageStore {
  private readonly logs = new Map<string, RoomLog>();
  private readonly dedupe = new Map<string, DedupeRecord & { expiresAt: number }>();
  private readonly buckets = new Map<string, Bucket>();
  private readonly listeners = new Set<(advance: RoomAdvance) => void>();

  constructor(private readonly limits: MessageStoreLimits, private readonly now: () => number = Date.now) {}

  async append(request: AppendRequest): Promise<AppendOutcome> {
    const duplicate = this.duplicateOf(request);
    if (duplicate) return duplicate;
    const log = this.logs.get(request.room);
    if (request.replyTo && log?.live.get(request.replyTo.id) !== request.replyTo.seq) return { status: 'not_found' };
    const decided = this.take(request);
    if (decided.status !== 'go') return decided;
    const { seq } = decided;
    // Kept here: its own copies of what the request shares with the caller.
    const message = textEntry(request, seq);
    if (message.replyTo) message.replyTo = { ...message.replyTo, user: { ...message.replyTo.user } };
    if (message.mentions) message.mentions = [...message.mentions];
    decided.log.live.set(message.id, seq);
    return this.store(request, decided.log, message);
  }

  async change(request: ChangeRequest): Promise<ChangeOutcome> {
    const duplicate = this.duplicateOf(request);
    if (duplicate) return duplicate;
    const log = this.logs.get(request.room);
    let target: Message | undefined;
    if (request.kind !== 'topic') {
      const seq = log?.live.get(request.targetId);
      target = seq === undefined || !log ? undefined : this.at(log, seq);
      if (!target) return { status: 'not_found' };
      if (request.kind !== 'reaction' && target.user.id !== request.user.id) return { status: 'forbidden' };
      if (request.kind === 'edit' && target.time < request.editCutoff) return { status: 'too_late' };
    }
    let users: string[] = [];
    if (request.kind === 'reaction' && target) {
      const current = reactionUsers(target, request.emoji);
      if (current.includes(request.user.id) === request.on) return { status: 'unchanged', message: target };
      if (request.on && current.length === 0 && (target.reactions?.length ?? 0) >= REACTIONS_MAX) return { status: 'too_many_reactions' };
      users = request.on ? [...current, request.user.id] : current.filter((id) => id !== request.user.id);
    }
    const decided = this.take(request);
    if (decided.status !== 'go') return decided;
    const { seq, log: room } = decided;
    const entry: Message = { id: request.id, seq, kind: request.kind, clientId: request.clientId, room: request.room, user: { ...request.user }, text: request.text, time: request.time };
    if (target) entry.target = { id: target.id, seq: target.seq };
    if (request.kind === 'reaction') Object.assign(entry, { emoji: request.emoji, users });
    if (request.kind === 'topic') room.topic = request.text;
    if (target) {
      room.entries[target.seq - room.entries[0]!.seq] = applyChange(target, entry);
      if (request.kind === 'delete') room.live.delete(target.id);
    }
    return this.store(request, room, entry, target?.seq);
  }

  async find(room: string, id: string): Promise<Message | undefined> {
    const log = this.logs.get(room);
    const seq = log?.live.get(id);
    return log && seq !== undefined ? this.at(log, seq) : undefined;
  }

  readerStates(room: string, userIds: readonly string[], uptoSeq: number): Promise<ReaderState[]> {
    return Promise.all(userIds.map((userId) => this.readerState(room, userId, uptoSeq)));
  }

  async readerState(room: string, userId: string, uptoSeq: number): Promise<ReaderState> {
    const log = this.logs.get(room);
    if (!log) return { readSeq: 0, unread: 0, topic: '' };
    const readSeq = log.reads.get(userId) ?? 0;
    let unread = 0;
    for (const entry of log.entries) {
      if (unread >= UNREAD_CAP) break;
      if (entry.seq > readSeq && entry.seq <= uptoSeq && entry.kind === 'text' && !entry.deleted && entry.user.id !== userId) unread++;
    }
    return { readSeq, unread, topic: log.topic };
  }

  async markRead(room: string, userId: string, seq: number): Promise<{ readSeq: number; moved: boolean }> {
    const log = this.logs.get(room);
    const current = log?.reads.get(userId) ?? 0;
    const wanted = Math.min(seq, log?.lastSeq ?? 0);
    if (!log || wanted <= current) return { readSeq: current, moved: false };
    log.reads.set(userId, wanted);
    return { readSeq: wanted, moved: true };
  }

  async head(room: string, create = true): Promise<RoomHead> {
    const now = this.now();
    const log = create ? this.log(room, now) : this.liveLog(room, now);
    if (!log && create) throw new RoomLimitError(room);
    if (!log) return { epoch: NO_EPOCH, lastSeq: 0, firstSeq: 1 };
    // A join renews an empty room's lifetime.
    if (create && log.lastSeq === 0) log.emptyUntil = now + EMPTY_ROOM_TTL_SEC * 1000;
    return { epoch: log.epoch, lastSeq: log.lastSeq, firstSeq: log.entries[0]?.seq ?? log.lastSeq + 1 };
  }

  async advances(rooms: string[]): Promise<RoomAdvance[]> {
    return rooms.flatMap((room) => {
      const log = this.logs.get(room);
      return log ? [{ room, lastSeq: log.lastSeq, epoch: log.epoch }] : [];
    });
  }

  async range(room: string, afterSeq: number, uptoSeq: number, limit: number): Promise<Message[]> {
    const log = this.logs.get(room);
    if (!log || log.entries.length === 0) return [];
    const first = log.entries[0]!.seq;
    const start = Math.max(0, afterSeq + 1 - first);
    const end = Math.min(log.entries.length, uptoSeq - first + 1);
    return end > start ? log.entries.slice(start, Math.min(end, start + limit)) : [];
  }

  async latest(room: string, uptoSeq: number, limit: number): Promise<Message[]> {
    const log = this.logs.get(room);
    if (!log || log.entries.length === 0) return [];
    const first = log.entries[0]!.seq;
    const end = Math.min(log.entries.length, uptoSeq - first + 1);
    return end > 0 ? log.entries.slice(Math.max(0, end - limit), end) : [];
  }

  async rooms(): Promise<Array<{ room: string; lastSeq: number; topic: string }>> {
    return [...this.logs].filter(([, log]) => log.lastSeq > 0).map(([room, log]) => ({ room, lastSeq: log.lastSeq, topic: log.topic }));
  }

  /** One process: every room's signals reach every listener already. */
  follow(): Promise<void> {
    return Promise.resolve();
  }

  unfollow(): Promise<void> {
    return Promise.resolve();
  }

  onAdvance(listener: (advance: RoomAdvance) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }

  private dedupeKey(request: AppendRequest | ChangeRequest): string {
    return `${request.room}\n${request.user.id}\n${request.clientId}`;
  }

  /** A repeat of (user, clientId) is answered with the first entry, before any other check. */
  private duplicateOf(request: AppendRequest | ChangeRequest): { status: 'duplicate'; message: Message } | undefined {
    const seen = this.dedupe.get(this.dedupeKey(request));
    if (!seen || seen.expiresAt <= this.now()) return undefined;
    const log = this.logs.get(request.room);
    return { status: 'duplicate', message: (log && this.at(log, seen.seq)) ?? rebuildDuplicate(seen, request) };
  }

  /** Rate limit, then the next seq. */
  private take(request: AppendRequest | ChangeRequest): Decided {
    const now = this.now();
    let bucket = this.buckets.get(request.user.id);
    if (!bucket) this.buckets.set(request.user.id, (bucket = fullBucket(this.limits.burst, now)));
    if (!takeToken(bucket, now, this.limits.ratePerSec, this.limits.burst)) return { status: 'rate_limited' };
    const log = this.log(request.room, this.now());
    if (!log) return { status: 'room_limit' };
    log.lastSeq += 1;
    log.emptyUntil = Number.POSITIVE_INFINITY;
    return { status: 'go', log, seq: log.lastSeq };
  }

  private store(request: AppendRequest | ChangeRequest, log: RoomLog, entry: Message, targetSeq?: number): { status: 'stored'; message: Message; epoch: string } {
    const now = this.now();
    log.entries.push(entry);
    if (log.entries.length > this.limits.historyLimit) {
      // A trimmed message's state goes with it: it can no longer be replied to or changed.
      for (const gone of log.entries.splice(0, log.entries.length - this.limits.historyLimit)) log.live.delete(gone.id);
    }
    this.dedupe.set(this.dedupeKey(request), { seq: entry.seq, id: entry.id, time: entry.time, ...(targetSeq ? { targetSeq } : {}), expiresAt: now + this.limits.dedupeTtlSec * 1000 });
    this.sweepExpired(now);
    const advance = { room: request.room, lastSeq: log.lastSeq, epoch: log.epoch, message: entry };
    // Asynchronous like a Redis pub/sub signal, so callers cannot come to rely on re-entrancy.
    queueMicrotask(() => this.listeners.forEach((listener) => listener(advance)));
    return { status: 'stored', message: entry, epoch: log.epoch };
  }

  private at(log: RoomLog, seq: number): Message | undefined {
    const first = log.entries[0]?.seq;
    return first === undefined ? undefined : log.entries[seq - first];
  }

  /** The room's log, created when missing unless MAX_ROOMS rooms exist (then undefined). */
  private log(room: string, now: number): RoomLog | undefined {
    let log = this.liveLog(room, now);
    if (!log) {
      if (this.limits.maxRooms && this.logs.size >= this.limits.maxRooms) {
        this.forgetExpiredRooms(now);
        if (this.logs.size >= this.limits.maxRooms) return undefined;
      }
      log = { epoch: randomId(), lastSeq: 0, entries: [], live: new Map(), topic: '', reads: new Map(), emptyUntil: now + EMPTY_ROOM_TTL_SEC * 1000 };
      this.logs.set(room, log);
    }
    return log;
  }

  /** The room's log unless it is an empty room past its lifetime (then it is forgotten). */
  private liveLog(room: string, now: number): RoomLog | undefined {
    const log = this.logs.get(room);
    if (log && log.emptyUntil <= now) {
      this.logs.delete(room);
      return undefined;
    }
    return log;
  }

  private forgetExpiredRooms(now: number): void {
    for (const [room, log] of this.logs) if (log.emptyUntil <= now) this.logs.delete(room);
  }

  /** Bounded memory: drop a few expired dedupe entries per append (Map keeps insertion order). */
  private sweepExpired(now: number): void {
    let checked = 0;
    for (const [key, entry] of this.dedupe) {
      if (entry.expiresAt > now || ++checked > 8) break;
      this.dedupe.delete(key);
    }
  }
}
