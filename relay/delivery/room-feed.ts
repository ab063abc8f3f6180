import type { Message } from '../../shared/index.js';
import type { LiveEntry } from '../store/encoded-entry.js';
import type { MessageStore, RoomAdvance, RoomHead } from '../store/message-store.js';
import { RoomPace } from './room-pace.js';

export interface RoomFeedDeps {
  store: MessageStore;
  /** Emits to this replica's sockets in the room, in order (never through the adapter). */
  deliver(entries: LiveEntry[]): void;
  onError(error: unknown): void;
  /** A busy room's live messages are emitted at most once per this many ms, together (0: no pacing). */
  holdMs: number;
}

/** How many messages one read fetches while catching up. */
const BATCH = 500;

/**
 * What a join's answer is read against: the room's view, shared by every join of one batch, and
 * a memo for the parts of an answer that are the same for all of them (`shareInBatch`).
 */
export interface JoinView extends RoomHead {
  readonly batch: Map<string, Promise<unknown>>;
  /** Open collections of `gatherInBatch`, by key. */
  readonly gathering: Map<string, { items: unknown[]; results: Promise<unknown[]> }>;
}

/** `read()` once per join batch under `key`: joiners that arrive together share one read. */
export function shareInBatch<T>(view: JoinView, key: string, read: () => Promise<T>): Promise<T> {
  let shared = view.batch.get(key) as Promise<T> | undefined;
  if (!shared) {
    shared = read();
    view.batch.set(key, shared);
  }
  return shared;
}

/**
 * `readAll` once for the `item`s that the joins of one batch ask for under `key` while their reads
 * start (synchronously, side by side): the per-joiner part of their answers in one round trip
 * instead of one each. An item asked for later (after a read awaited something) starts a new
 * collection. `readAll` answers in the items' order.
 */
export function gatherInBatch<I, R>(view: JoinView, key: string, item: I, readAll: (items: I[]) => Promise<R[]>): Promise<R> {
  let open = view.gathering.get(key);
  if (!open) {
    const items: I[] = [];
    // A microtask: after every read of the batch has started, before any round trip returns.
    const results = Promise.resolve().then(() => {
      view.gathering.delete(key);
      return readAll(items);
    });
    open = { items, results };
    view.gathering.set(key, open);
  }
  const index = open.items.push(item) - 1;
  return open.results.then((results) => {
    if (index >= results.length) throw new Error(`gatherInBatch(${key}): no result for item ${index}`);
    return results[index] as R;
  });
}

interface QueuedJoin {
  read(view: JoinView): Promise<unknown>;
  attach(result: unknown): void;
  resolve(result: unknown): void;
  reject(error: unknown): void;
}

/**
 * This replica's live feed of one room. Redis (or the memory store) only signals "the room
 * advanced"; the feed reads the room's log forward from the last seq it delivered, so every
 * local socket gets every message once, in seq order, with no gaps — whichever replica stored
 * it, and even when that replica died right after storing.
 *
 * Reads of the stream (joins, catch-ups) run in one serialized section per room, and a join
 * computes its answer and attaches the socket inside that section: the answer ends at
 * `lastDelivered`, so the live feed continues exactly at the next seq. Signals that carry the next
 * message are delivered at once unless a join is queued or running — also while a catch-up read
 * is in flight, which then skips what they delivered: under load a read takes long enough for the
 * next signal to arrive meanwhile, and a feed that waited for reads would then never get back to
 * using the signals (every room of a replica reading its stream for each message, late).
 */
export class RoomFeed {
  private epoch: string | undefined;
  private lastDelivered = 0;
  private signalledEpoch: string | undefined;
  private tail: Promise<void> = Promise.resolve();
  private pumpQueued = false;
  /**
   * Joins queued or running: no signal is delivered directly meanwhile (a join reads its answer up
   * to lastDelivered and attaches its socket only afterwards), and the feed must not be dropped
   * while one of them is about to attach a socket.
   */
  pendingJoins = 0;
  private readonly joinQueue: QueuedJoin[] = [];
  /** When messages were last emitted, and those held back since (delivered as far as seq goes). */
  private lastEmitAt = Number.NEGATIVE_INFINITY;
  private held: LiveEntry[] = [];
  private holdTimer: NodeJS.Timeout | undefined;
  private readonly pace: RoomPace;
  private readonly release = () => this.releaseHeld();

  constructor(
    readonly room: string,
    private readonly deps: RoomFeedDeps,
  ) {
    this.pace = new RoomPace(deps.holdMs);
  }

  /**
   * A signal from any replica that the room advanced. The common case — no join in progress, the
   * signal carries exactly the next message — delivers at once; anything else (a gap, a new
   * epoch, a join in progress) coalesces into one pending read of the stream.
   */
  signal(advance: RoomAdvance): void {
    if (this.epoch === undefined) return; // not attached yet: the first join reads the head itself
    if (advance.epoch === this.epoch && advance.lastSeq <= this.lastDelivered) return;
    if (this.pendingJoins === 0 && advance.epoch === this.epoch && advance.lastSeq === this.lastDelivered + 1) {
      // As it came when the store has it (nothing parsed), else the parsed entry.
      const entry = advance.encoded ?? advance.message;
      if (entry) {
        this.lastDelivered = advance.lastSeq;
        this.emit(entry);
        return;
      }
    }
    if (advance.epoch !== this.epoch) this.signalledEpoch = advance.epoch;
    this.schedulePump();
  }

  /**
   * This replica stored the room's entry itself: deliver it now when it is exactly the next one,
   * instead of waiting for its own signal to come back from Redis (a round trip less for every
   * local member). Anything else is left to the signals, which come anyway: a gap here means a
   * signal from another replica is still on its way, and reading the stream for it would cost a
   * read the signal saves. The entry's own signal, when it arrives, is then a stale duplicate.
   */
  stored(advance: RoomAdvance & { message: Message }): void {
    if (this.pendingJoins === 0 && advance.epoch === this.epoch && advance.lastSeq === this.lastDelivered + 1) {
      this.lastDelivered = advance.lastSeq;
      this.emit(advance.encoded ?? advance.message);
    }
  }

  /**
   * Runs `read` with the room's current view (epoch, the seq the live feed has reached, the
   * oldest kept seq), then `attach` synchronously, before any further live delivery.
   *
   * Joins that queue up while the section is busy run together as one batch: one head read, their
   * `read`s side by side against the same view, then every `attach` in one synchronous step. A
   * room filling up (a replica restart puts thousands into the lobby at once) would otherwise
   * pass its joiners through the section one round trip after another.
   */
  join<T>(read: (view: JoinView) => Promise<T>, attach: (result: T) => void): Promise<T> {
    this.pendingJoins++;
    return new Promise<T>((resolve, reject) => {
      this.joinQueue.push({ read, attach: attach as (result: unknown) => void, resolve: resolve as (result: unknown) => void, reject });
      // The first of a batch schedules its section; later ones ride along until it starts.
      if (this.joinQueue.length === 1) void this.serialize(() => this.runJoins());
    }).finally(() => this.pendingJoins--);
  }

  private async runJoins(): Promise<void> {
    const batch = this.joinQueue.splice(0);
    let view: JoinView;
    try {
      const head = await this.deps.store.head(this.room);
      if (this.epoch === undefined) {
        // First local member: the live feed starts at the stored head.
        this.epoch = head.epoch;
        this.lastDelivered = head.lastSeq;
      } else {
        this.adopt(head);
      }
      view = { epoch: this.epoch, lastSeq: this.lastDelivered, firstSeq: head.firstSeq, batch: new Map(), gathering: new Map() };
    } catch (error) {
      for (const join of batch) join.reject(error);
      return;
    }
    const results = await Promise.allSettled(batch.map((join) => join.read(view)));
    // The answers end at lastDelivered, held messages included: the members already there get
    // them now, the joining sockets have them in their answers.
    this.releaseHeld();
    batch.forEach((join, i) => {
      const result = results[i] as PromiseSettledResult<unknown>;
      if (result.status === 'rejected') return join.reject(result.reason);
      try {
        join.attach(result.value);
        join.resolve(result.value);
      } catch (error) {
        join.reject(error);
      }
    });
  }

  private schedulePump(): void {
    if (this.pumpQueued) return;
    this.pumpQueued = true;
    this.serialize(async () => {
      this.pumpQueued = false;
      if (this.signalledEpoch !== undefined && this.signalledEpoch !== this.epoch) this.resetTo(this.signalledEpoch);
      this.signalledEpoch = undefined;
      await this.pump();
    }).catch((error: unknown) => {
      this.deps.onError(error);
    });
  }

  /** A different epoch means the stored history was lost: the new one starts again at seq 1. */
  private adopt(head: RoomHead): void {
    if (head.epoch !== this.epoch) this.resetTo(head.epoch);
  }

  private resetTo(epoch: string): void {
    this.epoch = epoch;
    this.lastDelivered = 0;
  }

  private async pump(): Promise<void> {
    for (;;) {
      const batch = await this.deps.store.range(this.room, this.lastDelivered, Number.POSITIVE_INFINITY, BATCH);
      for (const message of batch) {
        if (message.seq <= this.lastDelivered) continue; // delivered from its signal during the read
        this.lastDelivered = message.seq;
        this.emit(message);
      }
      if (batch.length < BATCH) return;
    }
  }

  /**
   * Emits a message to the room's local members. Messages are never written one by one within a
   * turn of the event loop: the signals of one read from Redis (several messages of a room stored
   * at about the same time) go out together in a microtask, before any further I/O, so they cost
   * one write per member and no wait. A busy room (room-pace.ts) is paced on top of that: it is
   * written at most once per `holdMs`, together with what arrives until then — fanning out costs a
   * write per member, and a batch reaches each member in one write (frame-batching.ts). Order is
   * kept: held messages go before any later one.
   */
  private emit(message: LiveEntry): void {
    const now = performance.now();
    const busy = this.pace.busy(now);
    this.held.push(message);
    if (this.held.length > 1) return; // a release is already due
    const wait = busy ? this.lastEmitAt + this.deps.holdMs - now : 0;
    if (wait <= 0) queueMicrotask(this.release);
    else this.holdTimer = setTimeout(this.release, wait);
  }

  private releaseHeld(): void {
    clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
    if (this.held.length === 0) return;
    const held = this.held;
    this.held = [];
    this.lastEmitAt = performance.now();
    this.deps.deliver(held);
  }

  /** The feed is dropped: no local member is left for held messages. */
  close(): void {
    clearTimeout(this.holdTimer);
    this.held = [];
  }

  private serialize<T>(section: () => Promise<T>): Promise<T> {
    const run = this.tail.then(section);
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }
}
