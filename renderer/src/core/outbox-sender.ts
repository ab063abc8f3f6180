import { clientError, RETRYABLE_CODES } from './client-result.js';
import type { Outbox, OutboxEntry } from './outbox.js';
import type { RequestAck, Requester } from './relay-request.js';
import type { RoomState } from './room-state.js';

export interface OutboxSenderDeps {
  outbox: Outbox;
  request: Requester;
  room(name: string): RoomState | undefined;
  /** Connected, session established. */
  canSend(): boolean;
  /** The relay's history of this room is not what we hold, or it forgot our membership. */
  resync(room: string): void;
  changed(room: string): void;
}

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

/** The request an outbox entry stands for; every kind acks `{ message, duplicate }`. */
function requestFor(request: Requester, entry: OutboxEntry): Promise<RequestAck<'message'>> {
  const { room, clientId, text, target: id = '' } = entry;
  switch (entry.kind) {
    case 'edit':
      return request('message:edit', { room, id, text, clientId });
    case 'delete':
      return request('message:delete', { room, id, clientId });
    case 'reaction':
      return request('message:react', { room, id, emoji: entry.emoji ?? '', on: entry.on ?? true, clientId });
    case 'topic':
      return request('room:topic', { room, topic: text, clientId });
    default:
      return request('message', { room, text, clientId, ...(entry.replyTo ? { replyTo: entry.replyTo } : {}), ...(entry.mentions?.length ? { mentions: entry.mentions } : {}) });
  }
}

/**
 * Sends the outbox one entry at a time, oldest first, so a room sees them in the order made.
 * Each entry keeps its clientId for every attempt, so the relay's idempotency turns any repeat
 * (a lost ack, a reload mid-send) into the same single message.
 */
export class OutboxSender {
  private running = false;
  private again = false;
  private retryDelayMs = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: OutboxSenderDeps) {}

  async flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        for (const queued of this.deps.outbox.list()) {
          if (!this.deps.canSend()) return;
          const entry = this.deps.outbox.get(queued.clientId);
          if (!entry || entry.state !== 'sending' || !this.deps.room(entry.room)?.synced) continue;
          if ((await this.sendOne(entry)) === 'stop') {
            this.scheduleRetry();
            return;
          }
        }
      } while (this.again);
    } finally {
      this.running = false;
    }
  }

  /** A user-initiated retry should not wait out an earlier backoff. */
  /** The user asked to send a failed entry again, now. */
  retry(clientId: string): void {
    const entry = this.deps.outbox.get(clientId);
    if (!entry) return;
    this.deps.outbox.update(clientId, { state: 'sending', error: undefined });
    this.resetBackoff();
    this.deps.changed(entry.room);
    void this.flush();
  }

  /** The user gave up on an entry: it is never sent. */
  discard(clientId: string): void {
    const entry = this.deps.outbox.get(clientId);
    if (entry && this.deps.outbox.remove(clientId)) this.deps.changed(entry.room);
  }

  resetBackoff(): void {
    this.retryDelayMs = 0;
  }

  stop(): void {
    clearTimeout(this.retryTimer);
  }

  private async sendOne(entry: OutboxEntry): Promise<'next' | 'stop'> {
    const { outbox } = this.deps;
    outbox.update(entry.clientId, { attempts: entry.attempts + 1 });
    const res = await requestFor(this.deps.request, entry);
    if (res.ok) {
      this.retryDelayMs = 0;
      outbox.remove(entry.clientId);
      // An ack may come before earlier messages of others arrive live: that gap is expected and
      // closes by itself, so only a conflict (history changed under us) asks for a resume.
      if (this.deps.room(entry.room)?.log.addLive(res.message) === 'conflict') this.deps.resync(entry.room);
      this.deps.changed(entry.room);
      return 'next';
    }
    const code = String(res.error.code);
    const error = clientError(code, res.error.message);
    if (RETRYABLE_CODES.has(code)) {
      outbox.update(entry.clientId, { error });
      this.deps.changed(entry.room);
      return 'stop';
    }
    if (code === 'not_in_room') {
      // The relay forgot our membership (e.g. it restarted): rejoin; the sync flushes again.
      const state = this.deps.room(entry.room);
      if (state) state.synced = false;
      this.deps.resync(entry.room);
      return 'next';
    }
    outbox.update(entry.clientId, { state: 'failed', error });
    this.deps.changed(entry.room);
    return 'next';
  }

  private scheduleRetry(): void {
    clearTimeout(this.retryTimer);
    this.retryDelayMs = Math.min(MAX_RETRY_MS, this.retryDelayMs === 0 ? FIRST_RETRY_MS : this.retryDelayMs * 2);
    const jittered = this.retryDelayMs * (0.75 + Math.random() * 0.5);
    this.retryTimer = setTimeout(() => void this.flush(), jittered);
  }
}
