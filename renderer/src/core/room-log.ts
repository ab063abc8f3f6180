import type { Message, RoomJoinResult } from '../../../shared/protocol-types.js';
import { EMPTY_FOLD, foldEntries, foldedMessages, withJoinTopic, type EntryFold } from './entry-fold.js';

/**
 * `added`: in order. `duplicate`: already held (same id), ignore. `gap`: held, but earlier ones
 * are missing — fill the gap. `conflict`: a different message where we hold one — the room's
 * history changed under us (new epoch), so resume.
 */
export type LiveOutcome = 'added' | 'duplicate' | 'gap' | 'conflict';

/** `reset`: a new epoch; the cache was dropped and the room must be loaded afresh. */
export type JoinOutcome = 'reset' | 'applied';

/**
 * The messages of one room as this client holds them, and the resume point that makes delivery
 * exactly-once: `held` is the highest seq up to which every message (from where our window of
 * history starts) is here. We resume from `held`, not from the highest seq seen, because our own
 * message's ack may arrive before earlier messages of others reach us live.
 */
export class RoomLog {
  epoch: string | undefined;
  held = 0;
  /** Older history exists on the relay than the oldest message held. */
  hasOlder = false;
  private sorted: Message[] = [];
  private fold: EntryFold = EMPTY_FOLD;
  private readonly bySeq = new Map<number, string>();
  private readonly ids = new Set<string>();

  /** The room's text messages in their current state, oldest first. */
  get messages(): readonly Message[] {
    return this.sorted;
  }

  get topic(): string {
    return this.fold.topic;
  }

  /** The oldest seq held (of any kind), for paging back. */
  get oldestSeq(): number | undefined {
    let oldest: number | undefined;
    for (const seq of this.bySeq.keys()) if (oldest === undefined || seq < oldest) oldest = seq;
    return oldest;
  }

  /** What to send as `since`, or `undefined` to load the latest page afresh. */
  resumePoint(): number | undefined {
    return this.epoch === undefined ? undefined : this.held;
  }

  /** Applies a `room:join` answer to a request made with `since` (undefined: a fresh load). */
  applyJoin(result: RoomJoinResult, since: number | undefined): JoinOutcome {
    if (this.epoch !== undefined && result.epoch !== this.epoch) {
      this.clear();
      return 'reset';
    }
    const first = result.messages[0];
    if (since === undefined) {
      this.epoch = result.epoch;
      this.hasOlder = result.truncated;
      // Our window of history starts at the first message returned; nothing before it is owed.
      this.held = Math.max(this.held, first ? first.seq - 1 : result.lastSeq);
    } else if (result.truncated) {
      // The relay no longer keeps some messages right after `since`: accept the hole.
      this.held = Math.max(this.held, first ? first.seq - 1 : result.lastSeq);
    }
    this.insertAll(result.messages);
    this.fold = withJoinTopic(this.fold, result.topic ?? '', result.lastSeq);
    this.advance();
    return 'applied';
  }

  /**
   * An entry pushed by the relay (or the ack of our own): placed by seq, deduplicated by id. A
   * held one is folded again all the same: an ack may carry a newer state of it (a reaction
   * that already held answers with its target as it is now).
   */
  addLive(message: Message): LiveOutcome {
    if (this.ids.has(message.id)) {
      this.refold([message]);
      return 'duplicate';
    }
    if (message.seq <= this.held || this.bySeq.has(message.seq)) return 'conflict';
    this.insert(message);
    const gap = message.seq > this.held + 1;
    this.advance();
    return gap ? 'gap' : 'added';
  }

  /** Older history fetched on demand (scrolling back); returns how many text messages were new. */
  addOlder(messages: readonly Message[], moreBefore: boolean): number {
    const before = this.sorted.length;
    const oldest = this.oldestSeq ?? Number.POSITIVE_INFINITY;
    this.insertAll(messages.filter((m) => m.seq < oldest));
    this.hasOlder = moreBefore;
    return this.sorted.length - before;
  }

  /** Drops everything: the relay's history for this room is not the one we hold. */
  clear(): void {
    this.epoch = undefined;
    this.held = 0;
    this.hasOlder = false;
    this.sorted = [];
    this.fold = EMPTY_FOLD;
    this.bySeq.clear();
    this.ids.clear();
  }

  private insert(message: Message): void {
    this.insertAll([message]);
  }

  /** Held entries are folded again too: a history page brings the current state of its messages. */
  private insertAll(messages: readonly Message[]): void {
    const fresh = messages.filter((m) => !this.ids.has(m.id) && !this.bySeq.has(m.seq));
    for (const m of fresh) {
      this.ids.add(m.id);
      this.bySeq.set(m.seq, m.id);
    }
    this.refold(messages.filter((m) => this.bySeq.get(m.seq) === m.id));
  }

  /** A new array whenever something changed, so reactive views that compare by identity see it. */
  private refold(entries: readonly Message[]): void {
    const next = foldEntries(this.fold, entries);
    if (next === this.fold) return;
    this.fold = next;
    this.sorted = foldedMessages(next);
  }

  private advance(): void {
    while (this.bySeq.has(this.held + 1)) this.held++;
  }
}
