import type { Message, User } from '../../shared/index.js';

export interface AppendRequest {
  id: string;
  room: string;
  user: User;
  clientId: string;
  text: string;
  time: string;
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
}

/** The first attempt's message, for a retry's `duplicate` ack when the history no longer has it. */
export function rebuildDuplicate(record: DedupeRecord, retry: AppendRequest): Message {
  return { id: record.id, seq: record.seq, clientId: retry.clientId, room: retry.room, user: { ...retry.user }, text: retry.text, time: record.time };
}

export type AppendOutcome =
  | { status: 'stored'; message: Message; epoch: string }
  | { status: 'duplicate'; message: Message }
  | { status: 'rate_limited' }
  | { status: 'room_limit' };

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
  /** Messages with afterSeq < seq ≤ uptoSeq, oldest first, at most `limit`. */
  range(room: string, afterSeq: number, uptoSeq: number, limit: number): Promise<Message[]>;
  /** The newest `limit` messages with seq ≤ uptoSeq, oldest first. */
  latest(room: string, uptoSeq: number, limit: number): Promise<Message[]>;
  /** Every room that has stored messages, with its last seq. */
  rooms(): Promise<Array<{ room: string; lastSeq: number }>>;
  /** Subscribes to "room advanced" signals (from any replica); returns an unsubscribe. */
  onAdvance(listener: (advance: RoomAdvance) => void): () => void;
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
