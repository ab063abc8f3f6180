import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, Message, MessageResult, RoomJoinResult, ServerToClientEvents } from '../../shared/index.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A chat client that follows the contract the way a real one must to lose nothing: it resumes
 * its identity with the token, resumes the room with `since` = the highest seq up to which it
 * holds every message, fills gaps, and retries unacked sends with the same clientId forever.
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
  /** Messages typed, in order, and which of them were acked. */
  readonly typed: string[] = [];
  readonly acked = new Map<string, Message>();
  private readonly outbox: Array<{ clientId: string; text: string }> = [];
  private sending = false;
  private disconnectedAt: number | undefined;
  readonly reconnectMs: number[] = [];
  drainingNotices = 0;
  duplicateDeliveries = 0;
  failedAttempts = 0;
  sessions = 0;

  constructor(url: string, private readonly room: string, readonly index: number) {
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

  type(): void {
    const clientId = randomUUID();
    this.typed.push(clientId);
    this.outbox.push({ clientId, text: `client ${this.index} #${this.typed.length}` });
    void this.flush();
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
        const answer = (await this.socket.timeout(3000).emitWithAck('message', { room: this.room, ...next }).catch(() => undefined)) as Ack<MessageResult> | undefined;
        if (answer?.ok) {
          this.acked.set(next.clientId, answer.message);
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
