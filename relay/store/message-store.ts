import type { EntryKind, Message, ReplyRef, User } from '../../shared/index.js';
import type { EncodedEntry } from './encoded-entry.js';

export interface AppendRequest {
  id: string;
  room: string;
  user: User;
  clientId: string;
  text: string;
  time: string;
  /** The target as read before the append; the store checks atomically that it is still kept and not deleted. */
  replyTo?: ReplyRef;
  /** Known user ids only (the caller drops the others). */
  mentions?: string[];
}

/** A change entry to append: an edit, delete or reaction of a kept `text` entry, or a new topic. */
export interface ChangeRequest {
  /** The new entry's id. */
  id: string;
  room: string;
  user: User;
  clientId: string;
  time: string;
  kind: Exclude<EntryKind, 'text'>;
  /** edit, delete, reaction: the target's id. */
  targetId: string;
  /** edit: the new text; topic: the new topic; "" otherwise. */
  text: string;
  /** edit: the target must have been sent at or after this ISO time (EDIT_WINDOW_S). */
  editCutoff: string;
  emoji: string;
  on: boolean;
}

/**
 * What the stores remember of a stored message for its dedupe window (25 h): enough to find it in
 * the history and, once it is trimmed from there, to answer a retry with what the first attempt
 * was acked with — the rest (room, sender, text, clientId) is in the retry itself.
 */
export interface DedupeRecord {
  seq: number;
  id: string;
  time: string;
  /** Change entries: their target's seq. */
  targetSeq?: number;
}

/**
 * The `text` entry `request` makes at `seq`: the fields, and their order, of the JSON the stores
 * keep for it (redis-message-store.ts builds that JSON from the same request). Built with named
 * properties, not spreads: it is on every send's path (Node 20's slow path for spreads).
 */
export function textEntry(request: AppendRequest, seq: number, id = request.id, time = request.time): Message {
  const message: Message = { id, seq, kind: 'text', rev: seq, clientId: request.clientId, room: request.room, user: { id: request.user.id, name: request.user.name }, text: request.text, time };
  if (request.replyTo) message.replyTo = request.replyTo;
  if (request.mentions?.length) message.mentions = request.mentions;
  return message;
}

/**
 * The first attempt's entry, for a retry's `duplicate` ack when the history no longer has it
 * (a change entry's resulting reaction users are not kept: the target is gone too by then).
 */
export function rebuildDuplicate(record: DedupeRecord, retry: AppendRequest | ChangeRequest): Message {
  if (!('kind' in retry)) return textEntry(retry, record.seq, record.id, record.time);
  const base = { id: record.id, seq: record.seq, clientId: retry.clientId, room: retry.room, user: { ...retry.user }, text: retry.text, time: record.time };
  if (retry.kind === 'topic') return { ...base, kind: 'topic' };
  return { ...base, kind: retry.kind, target: { id: retry.targetId, seq: record.targetSeq ?? 0 }, ...(retry.kind === 'reaction' ? { emoji: retry.emoji } : {}) };
}

export type AppendOutcome =
  /** `encoded`: the entry exactly as stored, when the store has it at hand (delivered as it is). */
  | { status: 'stored'; message: Message; epoch: string; encoded?: EncodedEntry }
  | { status: 'duplicate'; message: Message }
  | { status: 'rate_limited' }
  /** A new room, and MAX_ROOMS rooms exist already: nothing stored. */
  | { status: 'room_limit' }
  /** The reply's target is not kept, or deleted. */
  | { status: 'not_found' };

export type ChangeOutcome =
  | AppendOutcome
  | { status: 'forbidden' | 'too_late' | 'too_many_reactions' }
  /** A reaction that already holds: nothing stored; `message` is the target in its current state. */
  | { status: 'unchanged'; message: Message };

/** What a `room:join` answer tells one user about a room beyond its history. */
export interface ReaderState {
  readSeq: number;
  /** `text` entries by others with seq > readSeq, not deleted, counted up to UNREAD_CAP. */
  unread: number;
  topic: string;
}

export const UNREAD_CAP = 999;

export interface RoomHead {
  epoch: string;
  /** Highest seq stored in this epoch (0 when the room has none). */
  lastSeq: number;
  /** Oldest seq still kept (lastSeq + 1 when none are kept). */
  firstSeq: number;
}

export interface RoomAdvance {
  room: string;
  lastSeq: number;
  epoch: string;
  /** The message stored at lastSeq, when the signal carries it (saves a read in the common case). */
  message?: Message;
  /** The same entry as stored, unparsed, when the store has its JSON at hand (what is delivered). */
  encoded?: EncodedEntry;
}

/**
 * Per-room message history with gapless seq, idempotent append and a notification when a room
 * advances. Implemented in memory (one process) and on Redis (many replicas); both pass the
 * same suite (message-store.suite.ts).
 */
export interface MessageStore {
  /**
   * Dedupe, rate limit and append as one atomic step: a repeat of (user, clientId) returns the
   * first message even when the user is over the limit; otherwise the message gets the next seq.
   */
  append(request: AppendRequest): Promise<AppendOutcome>;
  /**
   * Appends a change entry and updates its target's state in the same atomic step: dedupe, the
   * target checks (kept, not deleted, author, edit window), rate limit, seq, append, state.
   */
  change(request: ChangeRequest): Promise<ChangeOutcome>;
  /** A kept, not deleted `text` entry in its current state (for a reply's excerpt). */
  find(room: string, id: string): Promise<Message | undefined>;
  /** The user's read position, unread count (up to `uptoSeq`) and the room's topic, in one read. */
  readerState(room: string, userId: string, uptoSeq: number): Promise<ReaderState>;
  /** `readerState` of several users of one room (the joiners of one batch), in their order, in one round trip. */
  readerStates(room: string, userIds: readonly string[], uptoSeq: number): Promise<ReaderState[]>;
  /** Moves the user's read position forward to `seq` (at most the room's last); returns the position and whether it moved. */
  markRead(room: string, userId: string, seq: number): Promise<{ readSeq: number; moved: boolean }>;
  /**
   * The room's epoch and seq bounds. Creates the epoch of a room never seen, unless
   * `create` is false (plain reads must not let anyone fill the store with empty rooms): then
   * an unseen room answers with NO_EPOCH.
   */
  head(room: string, create?: boolean): Promise<RoomHead>;
  /**
   * The current (epoch, last seq) of many rooms in one round trip, for the periodic check that no
   * advance signal was missed. Rooms without stored state are left out; nothing is created.
   */
  advances(rooms: string[]): Promise<RoomAdvance[]>;
  /** Entries with afterSeq < seq ≤ uptoSeq, oldest first, at most `limit`; `text` ones in their current state. */
  range(room: string, afterSeq: number, uptoSeq: number, limit: number): Promise<Message[]>;
  /** The newest `limit` entries with seq ≤ uptoSeq, oldest first; `text` ones in their current state. */
  latest(room: string, uptoSeq: number, limit: number): Promise<Message[]>;
  /** Every room that has stored messages, with its last seq and topic. */
  rooms(): Promise<Array<{ room: string; lastSeq: number; topic: string }>>;
  /** Subscribes to "room advanced" signals (from any replica) of the followed rooms; returns an unsubscribe. */
  onAdvance(listener: (advance: RoomAdvance) => void): () => void;
  /**
   * This replica wants the room's signals (it has members there); resolves once they flow. A
   * signal sent before that is not delivered: the caller reads forward afterwards. Redis: the
   * room's shard channel is subscribed, so a replica hears only the rooms it serves.
   */
  follow(room: string): Promise<void>;
  /** This replica no longer wants the room's signals. */
  unfollow(room: string): Promise<void>;
  close(): Promise<void>;
}

export interface MessageStoreLimits {
  historyLimit: number;
  ratePerSec: number;
  burst: number;
  /** How long (user, clientId) stays deduplicated; the contract asks for at least 24 h. */
  dedupeTtlSec: number;
  /**
   * Redis only: acknowledge a stored message only once this many replicas have it (WAIT), so a
   * Sentinel failover to one of them cannot lose an acked message. 0 = the primary is enough.
   */
  replicaAcks?: number;
  /** With replicaAcks: how often each primary's replicas are polled (REPLICA_POLL_MS when absent). */
  replicaPollMs?: number;
  /** How many rooms may exist at once (MAX_ROOMS; 0 or absent: no bound). */
  maxRooms?: number;
}

/**
 * How long a room nobody has written in lives after its last join: an abandoned empty room
 * disappears, and joins to made-up names cannot fill the store for longer than this.
 */
export const EMPTY_ROOM_TTL_SEC = 24 * 60 * 60;

/** A new room was asked for while MAX_ROOMS rooms exist. */
export class RoomLimitError extends Error {
  constructor(readonly room: string) {
    super(`room limit reached; "${room}" was not created`);
  }
}

/** How long a send waits for replicas to confirm before it answers `unavailable` (the client retries). */
// Short: a healthy replica confirms in well under a millisecond here, and while WAIT waits it
// blocks every other command on the connection.
export const REPLICA_ACK_TIMEOUT_MS = 100;
/** How often the Redis primary is asked how many replicas it has (for REDIS_REPLICA_ACKS). */
export const REPLICA_POLL_MS = 1000;

export const DEDUPE_TTL_SEC = 25 * 3600;

/** The epoch reported for a room that has never been used (it gets a real one when it is). */
export const NO_EPOCH = 'none';
