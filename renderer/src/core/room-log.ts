import type { Message, RoomJoinResult } from '../../../shared/protocol-types.js';

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
  private readonly bySeq = new Map<number, Message>();
  private readonly ids = new Set<string>();

  get messages(): readonly Message[] {
    return this.sorted;
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
    this.advance();
    return 'applied';
  }

  /** A message pushed by the relay (or our own ack): placed by seq, deduplicated by id. */
  addLive(message: Message): LiveOutcome {
    if (this.ids.has(message.id)) return 'duplicate';
    if (message.seq <= this.held || this.bySeq.has(message.seq)) return 'conflict';
    this.insert(message);
    const gap = message.seq > this.held + 1;
    this.advance();
    return gap ? 'gap' : 'added';
  }

  /** Older history fetched on demand (scrolling back); returns how many were new. */
  addOlder(messages: readonly Message[], moreBefore: boolean): number {
    const before = this.sorted.length;
    const oldest = this.sorted[0]?.seq ?? Number.POSITIVE_INFINITY;
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
    this.bySeq.clear();
    this.ids.clear();
  }

  private insert(message: Message): void {
    this.insertAll([message]);
  }

  /** One copy per batch (a join answer brings up to 1000), so loading 10,000 stays linear-ish. */
  private insertAll(messages: readonly Message[]): void {
    const fresh = messages.filter((m) => !this.ids.has(m.id) && !this.bySeq.has(m.seq));
    if (fresh.length === 0) return;
    for (const m of fresh) {
      this.ids.add(m.id);
      this.bySeq.set(m.seq, m);
    }
    // A new array on each change, so reactive views that compare by identity see it.
    const next = this.sorted.concat(fresh);
    let ordered = true;
    for (let i = 1; i < next.length && ordered; i++) ordered = (next[i - 1] as Message).seq < (next[i] as Message).seq;
    if (!ordered) next.sort((a, b) => a.seq - b.seq);
    this.sorted = next;
  }

  private advance(): void {
    while (this.bySeq.has(this.held + 1)) this.held++;
  }
}
