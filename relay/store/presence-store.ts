/** One user's cluster-wide presence in one room changed (first connection in, last one out). */
export interface PresenceTransition {
  room: string;
  userId: string;
  present: boolean;
}

export interface PresenceEntry {
  room: string;
  userId: string;
}

/**
 * Cluster-wide presence. Each replica reports only its own (room, user) pairs — whether it holds
 * at least one connection of that user in that room — and the store counts replicas per pair,
 * so a user is present while any replica holds them. Every operation is idempotent per
 * (replica, room, user), which makes retries and re-assertion after a Redis loss safe.
 */
export interface PresenceStore {
  /** Marks pairs as held (`present: true`) or released by this replica; returns cluster-wide flips. */
  apply(changes: Array<PresenceEntry & { present: boolean }>): Promise<PresenceTransition[]>;
  usersIn(room: string): Promise<string[]>;
  roomsOf(userId: string): Promise<string[]>;
  /** Rooms with at least one present user → number of present users. */
  roomUserCounts(): Promise<Map<string, number>>;
  /** Records this replica as alive; answers true when the store had forgotten it (Redis lost data or reaped it). */
  heartbeat(): Promise<boolean>;
  /** Removes replicas that stopped heart-beating; returns the users that left with them. */
  reapDead(): Promise<PresenceTransition[]>;
  /** Replaces this replica's whole contribution with `held`; returns the resulting flips. */
  resync(held: PresenceEntry[]): Promise<PresenceTransition[]>;
  /** Forgets this replica entirely (clean shutdown); returns the resulting flips. */
  removeSelf(): Promise<PresenceTransition[]>;
}
