import { applyChange, reactionUsers } from '../../../../shared/entry-changes.js';
import type { Ack, EntryKind, HandshakeAuth, LeaveReason, Message, RoomJoinResult, RoomMessagesResponse, RoomUsersResponse, User } from '../../../../shared/protocol-types.js';
import { excerptOf } from '../../../../shared/text-rules.js';
import type { RelaySocket } from '../relay-socket.js';

type Handler = (...args: never[]) => void;
type FakeAck = Ack<object> | Ack<RoomJoinResult> | Ack<RoomUsersResponse> | Ack<{ user: User }> | Ack<{ message: Message; duplicate: boolean }> | Ack<{ readSeq: number }>;
const CHANGE_KINDS: Record<string, Exclude<EntryKind, 'text'>> = { 'message:edit': 'edit', 'message:delete': 'delete', 'message:react': 'reaction', 'room:topic': 'topic' };

/**
 * An in-memory relay behind a fake socket.io client socket: stores messages per room with seq,
 * epoch and per-(user, clientId) idempotency, answers `room:join` with the contract's `since`
 * rules, and lets a test drop connections, lose acks and push live events.
 */
export class FakeRelay {
  readonly me: User = { id: 'u-me', name: 'Vreni Keller' };
  /** Per room every entry of its stream, `text` ones in their current state. */
  readonly rooms = new Map<string, { epoch: string; messages: Message[]; users: Map<string, User>; topic?: string; reads?: Map<string, number> }>();
  /** Every request the client made, in order. */
  readonly requests: Array<{ event: string; payload: Record<string, unknown> }> = [];
  readonly auths: HandshakeAuth[] = [];
  freshLimit = 50;
  pageLimit = 1000;
  /** PRESENCE_NOTICE_MAX: above this many users a room gets `room:presence` instead of notices. */
  noticeMax = 100;
  /** Users in a join answer (the contract's 100). */
  joinUsersMax = 100;
  /** The next N `message` requests are stored but their acks are lost (the client times out). */
  loseAcks = 0;
  /** Answer the next `message` requests with this error instead of storing. */
  refuseMessages: Array<{ code: string; message: string }> = [];
  private counter = 0;
  /** The socket of the newest client (a reload creates a new one). */
  socket: FakeSocket;

  constructor() {
    this.socket = new FakeSocket(this);
  }

  room(name: string) {
    let room = this.rooms.get(name);
    if (!room) this.rooms.set(name, (room = { epoch: 'e1', messages: [], users: new Map() }));
    return room;
  }

  /** Stores a message from someone (not pushed live; call `push('message', m)` for that). */
  append(roomName: string, text: string, user: User = { id: 'u-ada', name: 'Ada' }, clientId = `c${++this.counter}`): Message {
    const room = this.room(roomName);
    const message: Message = {
      id: `m-${roomName}-${room.epoch}-${room.messages.length + 1}`,
      seq: room.messages.length + 1,
      kind: 'text',
      rev: room.messages.length + 1,
      clientId,
      room: roomName,
      user,
      text,
      time: new Date(Date.UTC(2026, 10, 27, 12, 0, room.messages.length)).toISOString(),
    };
    room.messages.push(message);
    return message;
  }

  /** Redis wiped: the room starts over with a new epoch. */
  wipe(roomName: string, epoch: string): void {
    this.rooms.set(roomName, { epoch, messages: [], users: new Map() });
  }

  /**
   * Someone else comes into the room: `user:joined` while the room is within `noticeMax`, else
   * `room:presence` (not coalesced here: the fake sends one per change).
   */
  arrive(roomName: string, user: User): void {
    this.room(roomName).users.set(user.id, user);
    this.announce(roomName, 'user:joined', { room: roomName, user });
  }

  depart(roomName: string, user: User, reason: LeaveReason = 'left'): void {
    this.room(roomName).users.delete(user.id);
    this.announce(roomName, 'user:left', { room: roomName, user, reason });
  }

  /** Everyone online in the room, ourselves included. */
  userCount(roomName: string): number {
    return this.room(roomName).users.size + 1;
  }

  private announce(roomName: string, event: string, notice: unknown): void {
    const count = this.userCount(roomName);
    if (count <= this.noticeMax) this.socket.push(event, notice);
    else this.socket.push('room:presence', { room: roomName, count });
  }

  /** `room:users`: a stable order (by id), so `after` works even when that user has left meanwhile. */
  private usersPage(payload: Record<string, unknown>): Ack<RoomUsersResponse> {
    const limit = (payload.limit as number | undefined) ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) return { ok: false, error: { code: 'invalid_payload', message: 'limit must be 1–200' } };
    const after = payload.after as string | undefined;
    const all = [{ ...this.me }, ...this.room(payload.room as string).users.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const rest = after === undefined ? all : all.filter((u) => u.id > after);
    const users = rest.slice(0, limit);
    return rest.length > limit ? { ok: true, users, next: users.at(-1)!.id } : { ok: true, users };
  }

  /** `GET /api/rooms/:room/messages?before=&limit=` */
  older(roomName: string, before: number, limit: number): RoomMessagesResponse {
    const room = this.room(roomName);
    const older = room.messages.filter((m) => m.seq < before);
    const messages = older.slice(-limit);
    return structuredClone({ epoch: room.epoch, messages, truncated: messages.length < older.length });
  }

  newSocket(): FakeSocket {
    this.socket = new FakeSocket(this);
    return this.socket;
  }

  sentMessages(): Array<Record<string, unknown>> {
    return this.requests.filter((r) => r.event === 'message').map((r) => r.payload);
  }

  handle(event: string, payload: Record<string, unknown>): FakeAck | 'lost' {
    this.requests.push({ event, payload });
    if (event === 'room:join') return this.join(payload.room as string, payload.since as number | undefined);
    if (event === 'room:leave') return { ok: true };
    if (event === 'room:users') return this.usersPage(payload);
    if (event === 'rename') {
      this.me.name = payload.name as string;
      return { ok: true, user: { ...this.me } };
    }
    if (event in CHANGE_KINDS) return this.lossy(this.change(CHANGE_KINDS[event]!, payload));
    if (event === 'room:read') {
      const room = this.room(payload.room as string);
      const reads = (room.reads ??= new Map());
      reads.set(this.me.id, Math.max(reads.get(this.me.id) ?? 0, Math.min(payload.seq as number, room.messages.length)));
      return { ok: true, readSeq: reads.get(this.me.id)! };
    }
    if (event === 'message') {
      const refusal = this.refuseMessages.shift();
      if (refusal) return { ok: false, error: refusal } as FakeAck;
      const room = this.room(payload.room as string);
      const existing = room.messages.find((m) => m.user.id === this.me.id && m.clientId === payload.clientId);
      const message = existing ?? this.withExtras(this.append(payload.room as string, payload.text as string, { ...this.me }, payload.clientId as string), payload);
      if (this.loseAcks > 0) {
        this.loseAcks--;
        return 'lost';
      }
      return { ok: true, message, duplicate: existing !== undefined };
    }
    return { ok: true };
  }

  /** replyTo and mentions of a new message, as the relay stores them (v1.1). */
  private withExtras(message: Message, payload: Record<string, unknown>): Message {
    const target = this.room(message.room).messages.find((m) => m.id === payload.replyTo && m.kind === 'text' && !m.deleted);
    if (target) message.replyTo = { id: target.id, seq: target.seq, user: target.user, excerpt: excerptOf(target.text) };
    if (Array.isArray(payload.mentions)) message.mentions = payload.mentions as string[];
    return message;
  }

  /** Like the relay's store (v1.1): dedupe first, then the target checks; the entry carries the result. */
  private change(kind: Exclude<EntryKind, 'text'>, payload: Record<string, unknown>): FakeAck {
    const room = this.room(payload.room as string);
    const existing = room.messages.find((m) => m.user.id === this.me.id && m.clientId === payload.clientId);
    if (existing) return { ok: true, message: existing, duplicate: true };
    const at = room.messages.findIndex((m) => m.id === payload.id && m.kind === 'text' && !m.deleted);
    const target = room.messages[at];
    if (kind !== 'topic' && !target) return { ok: false, error: { code: 'not_found', message: 'gone' } };
    const emoji = payload.emoji as string;
    const current = target ? reactionUsers(target, emoji) : [];
    if (kind === 'reaction' && current.includes(this.me.id) === payload.on) return { ok: true, message: target!, duplicate: true };
    const text = kind === 'edit' ? (payload.text as string) : kind === 'topic' ? (payload.topic as string) : '';
    const entry: Message = { ...this.append(payload.room as string, text, { ...this.me }, payload.clientId as string), kind };
    delete entry.rev;
    if (target) entry.target = { id: target.id, seq: target.seq };
    if (kind === 'reaction') Object.assign(entry, { emoji, users: payload.on ? [...current, this.me.id] : current.filter((id) => id !== this.me.id) });
    if (kind === 'topic') room.topic = text;
    room.messages[entry.seq - 1] = entry;
    if (target) room.messages[at] = applyChange(target, entry);
    return { ok: true, message: entry, duplicate: false };
  }

  private lossy(ack: FakeAck): FakeAck | 'lost' {
    if (this.loseAcks === 0 || !ack.ok) return ack;
    this.loseAcks--;
    return 'lost';
  }

  private join(name: string, since: number | undefined): Ack<RoomJoinResult> {
    const room = this.room(name);
    const lastSeq = room.messages.length;
    const readSeq = room.reads?.get(this.me.id) ?? 0;
    const v11 = { readSeq, unread: room.messages.filter((m) => m.seq > readSeq && m.kind === 'text' && !m.deleted && m.user.id !== this.me.id).length, topic: room.topic ?? '', userCount: room.users.size + 1 };
    const users = [{ ...this.me }, ...room.users.values()].slice(0, this.joinUsersMax);
    if (since === undefined) {
      const messages = room.messages.slice(-this.freshLimit);
      return { ok: true, room: name, epoch: room.epoch, users, messages, lastSeq, truncated: messages.length < lastSeq, ...v11 };
    }
    const messages = room.messages.filter((m) => m.seq > since).slice(0, this.pageLimit);
    return { ok: true, room: name, epoch: room.epoch, users, messages, lastSeq, truncated: false, ...v11 };
  }
}

/** Just the part of socket.io-client's Socket the chat client uses. */
export class FakeSocket {
  connected = false;
  connectCalls = 0;
  auth: () => HandshakeAuth = () => ({});
  private readonly handlers = new Map<string, Set<Handler>>();

  constructor(private readonly relay: FakeRelay) {}

  asRelaySocket(): RelaySocket {
    return this as unknown as RelaySocket;
  }

  on(event: string, handler: Handler): this {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler);
    return this;
  }

  emit(event: string, payload: Record<string, unknown>, ack?: (res: unknown) => void): this {
    const res = this.relay.handle(event, payload);
    if (ack && res !== 'lost') queueMicrotask(() => ack(res));
    return this;
  }

  timeout(_ms: number) {
    return {
      emitWithAck: async (event: string, payload: Record<string, unknown>) => {
        await Promise.resolve();
        const res = this.relay.handle(event, payload);
        if (res === 'lost') throw new Error('operation has timed out');
        return structuredClone(res);
      },
    };
  }

  connect(): this {
    this.connectCalls++;
    return this;
  }

  disconnect(): this {
    if (this.connected) {
      this.connected = false;
      this.fire('disconnect', 'io client disconnect');
    }
    return this;
  }

  // ---- test controls: what the relay side does ----
  /** The connection comes up and the relay greets with `session`. */
  accept(resumed = false, token = 'token-1'): void {
    this.relay.auths.push(this.auth());
    this.connected = true;
    this.fire('connect');
    this.fire('session', { user: { ...this.relay.me }, token, resumed, replica: 'r1' });
  }

  drop(reason = 'transport close'): void {
    this.connected = false;
    this.fire('disconnect', reason);
  }

  /** A reconnect attempt fails (the replica is gone). */
  refuse(): void {
    this.fire('connect_error', new Error('xhr poll error'));
  }

  push(event: string, payload: unknown): void {
    this.fire(event, structuredClone(payload));
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(event) ?? []) (handler as (...a: unknown[]) => void)(...args);
  }
}
