/** One user's cluster-wide presence in one room changed (first connection in, last one out). */
export interface PresenceTransition {
  room: string;
  userId: string;
  present: boolean;
  /** The room's online users, cluster-wide, right after this change (notices stop above PRESENCE_NOTICE_MAX). */
  count: number;
}

export interface PresenceEntry {
  room: string;
  userId: string;
}

/** A page of a room's online users in id order; `next` is set when more follow. */
export interface PresencePage {
  userIds: string[];
  next?: string;
}

/**
 * Cluster-wide presence. Each replica reports only its own (room, user) pairs — whether it holds
 * at least one connection of that user in that room — and the store counts replicas per pair,
 * so a user is present while any replica holds them. Every operation is idempotent per
 * (replica, room, user), which makes retries and re-assertion after a Redis loss safe.
 * Rooms can hold thousands of users: no read returns a whole room (count, page and recent are
 * bounded by their arguments, not by the room's size), and a change costs O(log n) at most.
 */
export interface PresenceStore {
  /** Marks pairs as held (`present: true`) or released by this replica; returns cluster-wide flips. */
  apply(changes: Array<PresenceEntry & { present: boolean }>): Promise<PresenceTransition[]>;
  /** The room's online users, cluster-wide. */
  count(room: string): Promise<number>;
  /**
   * Up to `limit` online users in id order (byte-wise), starting after `after` whether or not
   * that user is still there: paging on from the last id never repeats or skips a user who
   * stayed online throughout.
   */
  page(room: string, after: string | undefined, limit: number): Promise<PresencePage>;
  /**
   * Up to `limit` online users, the most recently arrived first, and the room's count, read
   * together (the join answer: its `users` never outnumber its `userCount`).
   */
  recent(room: string, limit: number): Promise<{ userIds: string[]; count: number }>;
  /** The user sent in the room: they count as its newest arrival for `recent` (nothing if not present). */
  touch(room: string, userId: string): Promise<void>;
  roomsOf(userId: string): Promise<string[]>;
  /** Rooms with at least one present user → number of present users. */
  roomUserCounts(): Promise<Map<string, number>>;
  /**
   * Records this replica as alive; answers true when the replica must resync: the store had
   * forgotten it (Redis lost data or reaped it), or an earlier resync left something to release.
   */
  heartbeat(): Promise<boolean>;
  /** Removes replicas that stopped heart-beating; returns the users that left with them. */
  reapDead(): Promise<PresenceTransition[]>;
  /** Replaces this replica's whole contribution with `held`; returns the resulting flips. */
  resync(held: PresenceEntry[]): Promise<PresenceTransition[]>;
  /** Forgets this replica entirely (clean shutdown); returns the resulting flips. */
  removeSelf(): Promise<PresenceTransition[]>;
}
