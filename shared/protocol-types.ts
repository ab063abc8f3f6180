import type { ErrorCode } from './error-codes.js';

/** A chat participant. `id` is stable and opaque; `name` is the current display name. */
export interface User {
  id: string;
  name: string;
}

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
}
export interface RenamePayload {
  name: string;
}
export interface TypingPayload {
  room: string;
}
export type SessionClosePayload = Record<string, never>;

// Relay answers.
export interface RoomJoinResult {
  room: string;
  epoch: string;
  users: User[];
  messages: Message[];
  lastSeq: number;
  truncated: boolean;
}
export type RoomLeaveResult = Record<string, never>;
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
export interface DrainingEvent {
  reconnectInMs: number;
}

// HTTP API answers.
export interface RoomSummary {
  room: string;
  users: number;
  lastSeq: number;
}
export interface RoomsResponse {
  rooms: RoomSummary[];
}
export interface RoomUsersResponse {
  users: User[];
}
export interface RoomMessagesResponse {
  epoch: string;
  messages: Message[];
  truncated: boolean;
}
export type HealthResponse = { status: 'ok' };
export type ReadyResponse = { status: 'ready' | 'draining' | 'redis_unavailable' };
