import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { EMPTY_FOLD, foldEntries, foldedMessages } from '../../renderer/src/core/entry-fold.js';
import type { Ack, ClientToServerEvents, Message, MessageResult, RoomJoinResult, ServerToClientEvents } from '../../shared/index.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Request = { clientId: string; event: 'message' | 'message:edit' | 'message:delete' | 'message:react'; payload: Record<string, unknown> };

/** Answers after which the same request can never succeed: the client gives it up (a target deleted meanwhile). */
const FINAL_CODES = new Set(['not_found', 'forbidden', 'too_late', 'too_many_reactions', 'invalid_payload', 'invalid_emoji', 'empty_message', 'message_too_long']);

/**
 * A chat client that follows the contract the way a real one must to lose nothing: it resumes
 * its identity with the token, resumes the room with `since` = the highest seq up to which it
 * holds every entry, fills gaps, and retries unacked requests with the same clientId forever.
 * Besides messages it edits and deletes its own and reacts to anyone's (contract v1.1), and folds
 * what it holds into the room's state (`folded`).
 */
export class ChaosClient {
  readonly socket: ClientSocket;
  token: string | undefined;
  userId: string | undefined;
  /** Every message held, in seq order; held[i].seq === i + 1. */
  readonly held: Message[] = [];
  private readonly pending = new Map<number, Message>();
  private epoch: string | undefined;
  private resuming = false;
  private resumeAgain = false;
  /** Requests made (messages and changes), in order, and which of them were acked. */
  readonly typed: string[] = [];
  readonly acked = new Map<string, Message>();
  /** Reactions that already held: acked with the target, nothing stored. */
  readonly unchanged = new Set<string>();
  /** Requests the relay refused for good (e.g. a reaction to a message deleted meanwhile). */
  readonly refused = new Set<string>();
  private readonly outbox: Request[] = [];
  private readonly deletedByMe = new Set<string>();
  private sending = false;
  private disconnectedAt: number | undefined;
  readonly reconnectMs: number[] = [];
  /** When each acked attempt was sent and answered (epoch ms): when sends stalled and acked again. */
  readonly ackTimes: Array<{ attemptAt: number; ackedAt: number }> = [];
  drainingNotices = 0;
  duplicateDeliveries = 0;
  failedAttempts = 0;
  sessions = 0;

  constructor(url: string, readonly room: string, readonly index: number) {
    this.socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 200,
      reconnectionDelayMax: 1000,
      // The auth callback runs on every (re)connect, so a resumed connection carries the token.
      auth: (cb) => cb(this.token ? { token: this.token } : { name: `Chaos ${index}` }),
    });
    this.socket.on('session', (session) => {
      this.sessions++;
      this.token = session.token;
      this.userId = session.user.id;
      if (this.disconnectedAt !== undefined) this.reconnectMs.push(Date.now() - this.disconnectedAt);
      this.disconnectedAt = undefined;
      void this.resume();
      void this.flush();
    });
    this.socket.on('message', (message) => {
      if (message.room === this.room) this.accept(message);
    });
    this.socket.on('relay:draining', () => this.drainingNotices++);
    this.socket.on('disconnect', () => {
      this.disconnectedAt ??= Date.now();
    });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  get lastSeq(): number {
    return this.held.length;
  }

  /** The next thing this user does: mostly a message, sometimes an edit, a delete or a reaction. */
  type(): void {
    const clientId = randomUUID();
    const roll = Math.random();
    const mine = [...this.acked.values()].filter((m) => m.kind === 'text' && m.user.id === this.userId && !this.deletedByMe.has(m.id));
    const anyone = this.folded.filter((m) => !m.deleted);
    const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];
    let request: Request = { clientId, event: 'message', payload: { text: `client ${this.index} #${this.typed.length + 1}` } };
    if (roll < 0.1 && mine.length > 0) request = { clientId, event: 'message:edit', payload: { id: pick(mine)!.id, text: `edited by ${this.index} #${this.typed.length + 1}` } };
    else if (roll < 0.15 && mine.length > 0) {
      const target = pick(mine)!;
      this.deletedByMe.add(target.id);
      request = { clientId, event: 'message:delete', payload: { id: target.id } };
    } else if (roll < 0.35 && anyone.length > 0) {
      const target = pick(anyone)!;
      const emoji = pick(['👍', '🎉', '🇨🇭'])!;
      const on = !target.reactions?.some((r) => r.emoji === emoji && r.users.includes(this.userId ?? ''));
      request = { clientId, event: 'message:react', payload: { id: target.id, emoji, on } };
    }
    this.typed.push(clientId);
    this.outbox.push(request);
    void this.flush();
  }

  /** The room's text messages as this client folds what it holds (history pages and live entries). */
  get folded(): Message[] {
    return foldedMessages(foldEntries(EMPTY_FOLD, this.held));
  }

  /** Requests that must be in the stream once: acked with an entry of their own. */
  get expectedStored(): string[] {
    return this.typed.filter((id) => !this.unchanged.has(id) && !this.refused.has(id));
  }

  get unsent(): number {
    return this.outbox.length;
  }

  /** Joins (or resumes) the room from what it holds; repeats while messages are missing. */
  async resume(): Promise<void> {
    if (this.resuming) {
      this.resumeAgain = true;
      return;
    }
    this.resuming = true;
    try {
      do {
        this.resumeAgain = false;
        const answer = (await this.socket.timeout(5000).emitWithAck('room:join', { room: this.room, since: this.lastSeq }).catch(() => undefined)) as Ack<RoomJoinResult> | undefined;
        if (!answer?.ok) {
          if (this.socket.connected) this.resumeAgain = true;
          await new Promise((resolve) => setTimeout(resolve, 250));
          continue;
        }
        if (this.epoch !== undefined && answer.epoch !== this.epoch) {
          // The stored history was lost: start over from the new epoch.
          this.held.length = 0;
          this.pending.clear();
          this.epoch = answer.epoch;
          this.resumeAgain = true;
          continue;
        }
        this.epoch = answer.epoch;
        answer.messages.forEach((m) => this.accept(m, true));
        if (this.lastSeq < answer.lastSeq) this.resumeAgain = true; // paged: ask for the rest
      } while (this.resumeAgain && this.socket.connected);
    } finally {
      this.resuming = false;
    }
  }

  private accept(message: Message, fromJoin = false): void {
    if (message.seq <= this.lastSeq) {
      if (!fromJoin) this.duplicateDeliveries++;
      return;
    }
    if (message.seq > this.lastSeq + 1) {
      this.pending.set(message.seq, message);
      if (!fromJoin) void this.resume();
      return;
    }
    this.held.push(message);
    for (let next = this.pending.get(this.lastSeq + 1); next; next = this.pending.get(this.lastSeq + 1)) {
      this.pending.delete(next.seq);
      this.held.push(next);
    }
  }

  /** Sends the outbox in order, one at a time, retrying each with its clientId until acked. */
  private async flush(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.outbox.length > 0 && this.socket.connected) {
        const next = this.outbox[0]!;
        const timed = this.socket.timeout(3000);
        // Every request of this client acks { message, duplicate }; socket.io's typings cannot follow a variable event name.
        const emit = timed.emitWithAck.bind(timed) as unknown as (event: string, payload: unknown) => Promise<Ack<MessageResult>>;
        const attemptAt = Date.now();
        const answer = await emit(next.event, { room: this.room, clientId: next.clientId, ...next.payload }).catch(() => undefined);
        if (answer?.ok) {
          this.ackTimes.push({ attemptAt, ackedAt: Date.now() });
          this.acked.set(next.clientId, answer.message);
          if (answer.message.clientId !== next.clientId) this.unchanged.add(next.clientId);
          this.outbox.shift();
        } else if (answer && FINAL_CODES.has(answer.error.code)) {
          this.refused.add(next.clientId);
          this.outbox.shift();
        } else {
          this.failedAttempts++;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    } finally {
      this.sending = false;
    }
    if (this.outbox.length > 0 && this.socket.connected) void this.flush();
  }

  close(): void {
    this.socket.disconnect();
  }
}
