import type { ErrorCode } from './error-codes.js';

/** A chat participant. `id` is stable and opaque; `name` is the current display name. */
export interface User {
  id: string;
  name: string;
}

/** v1.1: what an entry of a room's stream is. v1 entries stored before v1.1 read as `text`. */
export type EntryKind = 'text' | 'edit' | 'delete' | 'reaction' | 'topic';
export const ENTRY_KINDS: readonly EntryKind[] = ['text', 'edit', 'delete', 'reaction', 'topic'];

/** The message a `text` entry answers, as it was when the reply was sent. */
export interface ReplyRef {
  id: string;
  seq: number;
  user: User;
  /** A prefix of the target's text, at most 140 code points including a final "…" when cut. */
  excerpt: string;
}

export interface Reaction {
  emoji: string;
  /** User ids, in order of reaction. */
  users: string[];
}

/** The `text` entry a change entry applies to. */
export interface EntryTarget {
  id: string;
  seq: number;
}

/**
 * One entry of a room's stream (v1: a message; v1.1: any kind). Change entries (`edit`, `delete`,
 * `reaction`) carry the state they result in, not a delta, so applying one twice is harmless.
 */
export interface Message {
  /** Unique across the cluster. */
  id: string;
  /** Per room: 1, 2, 3 … strictly increasing, no gaps (within one epoch). */
  seq: number;
  /** The sender's idempotency key. */
  clientId: string;
  room: string;
  /** The sender as at send time. */
  user: User;
  text: string;
  /** ISO-8601 UTC, relay clock. */
  time: string;
  /** v1.1 relays always send it. */
  kind: EntryKind;
  // kind 'text' only:
  replyTo?: ReplyRef;
  /** User ids mentioned (≤ 20). */
  mentions?: string[];
  /** The seq of the last change applied to this message; = seq when never changed (text only). */
  rev?: number;
  /** The `time` of the last edit entry applied. */
  editedAt?: string;
  /** Then text is "" and replyTo, mentions, reactions and editedAt are absent. */
  deleted?: true;
  /** In order of first reaction; absent when there are none. */
  reactions?: Reaction[];
  // kinds edit | delete | reaction:
  target?: EntryTarget;
  /** reaction: which one. */
  emoji?: string;
  /** reaction: everyone reacting with `emoji` after this change. */
  users?: string[];
}

export type AckError = { ok: false; error: { code: ErrorCode; message: string } };
export type Ack<T extends object = object> = ({ ok: true } & T) | AckError;

export type LeaveReason = 'left' | 'closed' | 'disconnected' | 'timeout';

export interface HandshakeAuth {
  token?: string;
  name?: string;
}

// Client → relay payloads (as a well-behaved client sends them).
export interface RoomJoinPayload {
  room: string;
  since?: number;
}
export interface RoomLeavePayload {
  room: string;
}
export interface MessagePayload {
  room: string;
  text: string;
  clientId: string;
  /** v1.1: the id of a message of the same room that is still kept. */
  replyTo?: string;
  /** v1.1: user ids (≤ 20); unknown or malformed ones are dropped. */
  mentions?: string[];
}
export interface MessageEditPayload {
  room: string;
  id: string;
  text: string;
  clientId: string;
}
export interface MessageDeletePayload {
  room: string;
  id: string;
  clientId: string;
}
export interface MessageReactPayload {
  room: string;
  id: string;
  emoji: string;
  on: boolean;
  clientId: string;
}
export interface RoomTopicPayload {
  room: string;
  /** 0–200 code points; "" clears the topic. */
  topic: string;
  clientId: string;
}
export interface RoomReadPayload {
  room: string;
  seq: number;
}
export interface RenamePayload {
  name: string;
}
export interface TypingPayload {
  room: string;
}
export type SessionClosePayload = Record<string, never>;
/** Users per page of `room:users` and `GET /api/rooms/:room/users` (v1.1). */
export const ROOM_USERS_LIMIT_MAX = 200;
export const ROOM_USERS_LIMIT_DEFAULT = 100;
/** v1.1 (large rooms): a page of a room's online users, in a stable order. */
export interface RoomUsersPayload {
  room: string;
  /** The last user id of the previous page; the page starts after it even if that user left. */
  after?: string;
  /** 1–200, default 100. */
  limit?: number;
}

// Relay answers.
export interface RoomJoinResult {
  room: string;
  epoch: string;
  users: User[];
  messages: Message[];
  lastSeq: number;
  truncated: boolean;
  /** v1.1: the highest seq this user has read in the room (0 if never). */
  readSeq: number;
  /** v1.1: `text` entries by others after readSeq, not deleted, counted up to 999. */
  unread: number;
  /** v1.1: "" if none. */
  topic: string;
  /** v1.1 (large rooms): everyone online in the room, cluster-wide; `users` holds at most 100 of them. */
  userCount: number;
}
/** v1.1: the ack of `room:read`. */
export interface RoomReadResult {
  readSeq: number;
}
export type RoomLeaveResult = Record<string, never>;
/** The ack of `message` and, in v1.1, of every change event (`message` is the new entry). */
export interface MessageResult {
  message: Message;
  duplicate: boolean;
}
export interface RenameResult {
  user: User;
}
export type SessionCloseResult = Record<string, never>;

// Relay → client events.
export interface SessionEvent {
  user: User;
  token: string;
  resumed: boolean;
  replica: string;
}
export interface UserJoinedEvent {
  room: string;
  user: User;
}
export interface UserLeftEvent {
  room: string;
  user: User;
  reason: LeaveReason;
}
export interface UserRenamedEvent {
  user: User;
  previousName: string;
}
export interface TypingEvent {
  room: string;
  user: User;
}
/** v1.1: the same user read further on another connection. */
export interface RoomReadEvent {
  room: string;
  readSeq: number;
}
export interface DrainingEvent {
  reconnectInMs: number;
}

// HTTP API answers.
export interface RoomSummary {
  room: string;
  users: number;
  lastSeq: number;
  /** v1.1: "" if none. */
  topic: string;
}
export interface RoomsResponse {
  rooms: RoomSummary[];
}
/** The ack of `room:users` and the answer of `GET /api/rooms/:room/users` (v1.1: paged). */
export interface RoomUsersResponse {
  users: User[];
  /** Present when more users follow: pass it as `after` for the next page. */
  next?: string;
}
/** v1.1 (large rooms): how many are online, sent instead of notices above PRESENCE_NOTICE_MAX. */
export interface RoomPresenceEvent {
  room: string;
  count: number;
}
export interface RoomMessagesResponse {
  epoch: string;
  messages: Message[];
  truncated: boolean;
}
export type HealthResponse = { status: 'ok' };
export type ReadyResponse = { status: 'ready' | 'draining' | 'redis_unavailable' };
