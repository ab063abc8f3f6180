import { randomUUID } from 'node:crypto';
import type { Message } from '../../shared/index.js';
import { EMPTY_ROOM_TTL_SEC, NO_EPOCH, rebuildDuplicate, RoomLimitError, type AppendOutcome, type DedupeRecord, type AppendRequest, type MessageStore, type MessageStoreLimits, type RoomAdvance, type RoomHead } from './message-store.js';
import { takeToken, type Bucket } from './token-bucket.js';

interface RoomLog {
  epoch: string;
  lastSeq: number;
  /** Kept messages, oldest first; messages[i].seq === firstSeq + i. */
  messages: Message[];
  /** While the room has no history: when it is forgotten unless joined again (EMPTY_ROOM_TTL_SEC). */
  emptyUntil: number;
}

/** Single-process history: the embedded default when no REDIS_URL is set. */
export class MemoryMessageStore implements MessageStore {
  private readonly logs = new Map<string, RoomLog>();
  private readonly dedupe = new Map<string, DedupeRecord & { expiresAt: number }>();
  private readonly buckets = new Map<string, Bucket>();
  private readonly listeners = new Set<(advance: RoomAdvance) => void>();

  constructor(private readonly limits: MessageStoreLimits, private readonly now: () => number = Date.now) {}

  async append(request: AppendRequest): Promise<AppendOutcome> {
    const now = this.now();
    const key = `${request.room}\n${request.user.id}\n${request.clientId}`;
    const seen = this.dedupe.get(key);
    if (seen && seen.expiresAt > now) {
      const [kept] = await this.range(request.room, seen.seq - 1, seen.seq, 1);
      return { status: 'duplicate', message: kept ?? rebuildDuplicate(seen, request) };
    }
    const { allowed, bucket } = takeToken(this.buckets.get(request.user.id), now, this.limits.ratePerSec, this.limits.burst);
    this.buckets.set(request.user.id, bucket);
    if (!allowed) return { status: 'rate_limited' };

    const log = this.log(request.room, now);
    if (!log) return { status: 'room_limit' };
    log.lastSeq += 1;
    log.emptyUntil = Number.POSITIVE_INFINITY;
    const message: Message = { id: request.id, seq: log.lastSeq, clientId: request.clientId, room: request.room, user: { ...request.user }, text: request.text, time: request.time };
    log.messages.push(message);
    if (log.messages.length > this.limits.historyLimit) log.messages.splice(0, log.messages.length - this.limits.historyLimit);
    this.dedupe.set(key, { seq: message.seq, id: message.id, time: message.time, expiresAt: now + this.limits.dedupeTtlSec * 1000 });
    this.sweepExpired(now);
    const advance = { room: request.room, lastSeq: log.lastSeq, epoch: log.epoch, message };
    // Asynchronous like a Redis pub/sub signal, so callers cannot come to rely on re-entrancy.
    queueMicrotask(() => this.listeners.forEach((listener) => listener(advance)));
    return { status: 'stored', message, epoch: log.epoch };
  }

  async head(room: string, create = true): Promise<RoomHead> {
    const now = this.now();
    const log = create ? this.log(room, now) : this.liveLog(room, now);
    if (!log && create) throw new RoomLimitError(room);
    if (!log) return { epoch: NO_EPOCH, lastSeq: 0, firstSeq: 1 };
    // A join renews an empty room's lifetime.
    if (create && log.lastSeq === 0) log.emptyUntil = now + EMPTY_ROOM_TTL_SEC * 1000;
    return { epoch: log.epoch, lastSeq: log.lastSeq, firstSeq: log.messages[0]?.seq ?? log.lastSeq + 1 };
  }

  async advances(rooms: string[]): Promise<RoomAdvance[]> {
    return rooms.flatMap((room) => {
      const log = this.logs.get(room);
      return log ? [{ room, lastSeq: log.lastSeq, epoch: log.epoch }] : [];
    });
  }

  async range(room: string, afterSeq: number, uptoSeq: number, limit: number): Promise<Message[]> {
    const log = this.logs.get(room);
    if (!log || log.messages.length === 0) return [];
    const first = log.messages[0]!.seq;
    const start = Math.max(0, afterSeq + 1 - first);
    const end = Math.min(log.messages.length, uptoSeq - first + 1);
    return end > start ? log.messages.slice(start, Math.min(end, start + limit)) : [];
  }

  async latest(room: string, uptoSeq: number, limit: number): Promise<Message[]> {
    const log = this.logs.get(room);
    if (!log || log.messages.length === 0) return [];
    const first = log.messages[0]!.seq;
    const end = Math.min(log.messages.length, uptoSeq - first + 1);
    return end > 0 ? log.messages.slice(Math.max(0, end - limit), end) : [];
  }

  async rooms(): Promise<Array<{ room: string; lastSeq: number }>> {
    return [...this.logs].filter(([, log]) => log.lastSeq > 0).map(([room, log]) => ({ room, lastSeq: log.lastSeq }));
  }

  onAdvance(listener: (advance: RoomAdvance) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }

  /** The room's log, created when missing unless MAX_ROOMS rooms exist (then undefined). */
  private log(room: string, now: number): RoomLog | undefined {
    let log = this.liveLog(room, now);
    if (!log) {
      if (this.limits.maxRooms && this.logs.size >= this.limits.maxRooms) {
        this.forgetExpiredRooms(now);
        if (this.logs.size >= this.limits.maxRooms) return undefined;
      }
      log = { epoch: randomUUID(), lastSeq: 0, messages: [], emptyUntil: now + EMPTY_ROOM_TTL_SEC * 1000 };
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
