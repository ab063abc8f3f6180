import type { Message } from '../../shared/index.js';
import type { EncodedEntry, LiveEntry } from '../store/encoded-entry.js';
import type { MessageStore, RoomAdvance } from '../store/message-store.js';
import { RoomFeed } from './room-feed.js';

export interface RoomFeedsDeps {
  store: MessageStore;
  deliver(entries: LiveEntry[]): void;
  /** Whether any socket of this replica is in the room. */
  hasLocalMembers(room: string): boolean;
  onError(error: unknown): void;
  /** See RoomFeedDeps.holdMs. */
  holdMs: number;
  /** Counts every advance signal this replica receives (the cost that follows its rooms). */
  onSignal(): void;
}

/**
 * How long a room's signals stay followed after its last local member left: a member who
 * leaves and comes back (a reload, a flaky network) does not cost an unsubscribe and a
 * subscribe. Well under the 10 s within which an unused channel must be dropped.
 */
export const UNFOLLOW_LINGER_MS = 3000;

/**
 * The feeds of the rooms this replica has members in. It follows exactly those rooms' signals
 * (store.follow: with Redis, the rooms' shard channels), from the first local member until a
 * short linger after the last one left; signals for other rooms never reach it.
 */
export class RoomFeeds {
  private readonly feeds = new Map<string, RoomFeed>();
  /** Rooms followed without a feed, until their timer unfollows them. */
  private readonly lingering = new Map<string, NodeJS.Timeout>();
  private readonly unsubscribe: () => void;
  /** Where the rooms stood at the last periodic sweep. */
  private previousSweep: RoomAdvance[] = [];

  constructor(private readonly deps: RoomFeedsDeps) {
    this.unsubscribe = deps.store.onAdvance((advance: RoomAdvance) => {
      deps.onSignal();
      this.feeds.get(advance.room)?.signal(advance);
    });
  }

  feed(room: string): RoomFeed {
    let feed = this.feeds.get(room);
    if (!feed) {
      feed = new RoomFeed(room, { store: this.deps.store, deliver: this.deps.deliver, onError: this.deps.onError, holdMs: this.deps.holdMs });
      this.feeds.set(room, feed);
      const linger = this.lingering.get(room);
      if (linger) {
        clearTimeout(linger);
        this.lingering.delete(room);
      } else {
        void this.follow(room);
      }
    }
    return feed;
  }

  /**
   * An entry this replica stored (its send's append answered): local members need not wait for its
   * signal. `encoded`, when the store gave it, is what they get (nothing stringified again).
   */
  stored(room: string, epoch: string, message: Message, encoded?: EncodedEntry): void {
    this.feeds.get(room)?.stored({ room, lastSeq: message.seq, epoch, message, encoded });
  }

  /**
   * Signals sent between the first join's head read and the subscription taking effect are
   * not heard: once subscribed, the room is read forward like after any lost signal.
   */
  private async follow(room: string): Promise<void> {
    try {
      await this.deps.store.follow(room);
      const [advance] = await this.deps.store.advances([room]);
      if (advance) this.feeds.get(room)?.signal(advance);
    } catch (error) {
      // The periodic sweep reads forward meanwhile; the subscriber resubscribes when Redis is back.
      this.deps.onError(error);
    }
  }

  /** Drops the feed once no local socket is in the room and no join is about to attach one. */
  releaseIfIdle(room: string): void {
    const feed = this.feeds.get(room);
    if (feed && feed.pendingJoins === 0 && !this.deps.hasLocalMembers(room)) {
      feed.close();
      this.feeds.delete(room);
      const timer = setTimeout(() => {
        this.lingering.delete(room);
        this.deps.store.unfollow(room).catch(this.deps.onError);
      }, UNFOLLOW_LINGER_MS);
      timer.unref();
      this.lingering.set(room, timer);
    }
  }

  /**
   * Catches up every feed from the store, so a lost signal costs nothing: one round trip reads
   * where every room stands, and only the feeds that are behind read further. For when signals
   * were surely lost (Redis reconnected).
   */
  async sweepAll(): Promise<void> {
    try {
      const advances = await this.deps.store.advances([...this.feeds.keys()]);
      for (const advance of advances) this.feeds.get(advance.room)?.signal(advance);
    } catch (error) {
      this.deps.onError(error);
    }
  }

  /**
   * The periodic safety net: reads where every room stands, but acts on what the previous sweep
   * found, so only a feed still short of that — a signal lost, not one still on its way — reads
   * the stream. Acting on the fresh heads would make a replica that is behind on its signals (a
   * busy one) read every room's stream on every sweep, for messages already on their way: more
   * work exactly when it has the least time. A lost signal costs up to two sweep intervals.
   */
  async sweepLost(): Promise<void> {
    const due = this.previousSweep;
    try {
      this.previousSweep = await this.deps.store.advances([...this.feeds.keys()]);
    } catch (error) {
      this.previousSweep = [];
      this.deps.onError(error);
    }
    for (const advance of due) this.feeds.get(advance.room)?.signal(advance);
  }

  get size(): number {
    return this.feeds.size;
  }

  close(): void {
    this.unsubscribe();
    for (const timer of this.lingering.values()) clearTimeout(timer);
    this.lingering.clear();
    for (const feed of this.feeds.values()) feed.close();
    this.feeds.clear();
  }
}
