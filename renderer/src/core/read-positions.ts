import type { Result } from './client-result.js';
import { fail, ok } from './client-result.js';
import type { Requester } from './relay-request.js';
import type { RoomState } from './room-state.js';
import type { UnreadTracker } from './unread-tracker.js';

export interface ReadPositionsDeps {
  request: Requester;
  room(name: string): RoomState | undefined;
  unread: UnreadTracker;
  myId(): string | undefined;
}

/**
 * The user's read positions (contract v1.1): told that a seq was seen, the core counts the
 * room's unread messages again at once and tells the relay (`room:read`), which keeps the
 * position and tells the user's other connections. A position the relay has not confirmed (sent
 * offline, or the request failed) is sent again when the room is next in sync.
 */
export class ReadPositions {
  /** room → the highest seq the relay has confirmed. */
  private readonly confirmed = new Map<string, number>();

  constructor(private readonly deps: ReadPositionsDeps) {}

  async markSeen(room: string, seq: number): Promise<Result<number>> {
    const state = this.deps.room(room);
    if (!state) return fail('not_in_room');
    this.deps.unread.readUpTo(state, Math.min(seq, state.log.held), this.deps.myId());
    return this.send(state);
  }

  /** The same user read further on another connection. */
  readElsewhere(room: string, readSeq: number): void {
    const state = this.deps.room(room);
    if (!state) return;
    this.confirmed.set(room, Math.max(this.confirmed.get(room) ?? 0, readSeq));
    this.deps.unread.readUpTo(state, readSeq, this.deps.myId());
  }

  /** The room is in sync again: send what the relay has not confirmed yet. */
  synced(room: string): void {
    const state = this.deps.room(room);
    if (state && state.readSeq > (this.confirmed.get(room) ?? 0)) void this.send(state);
  }

  private async send(state: RoomState): Promise<Result<number>> {
    const seq = state.readSeq;
    if (seq <= (this.confirmed.get(state.name) ?? 0)) return ok(seq);
    const res = await this.deps.request('room:read', { room: state.name, seq });
    if (!res.ok) return { ok: false, error: res.error };
    this.readElsewhere(state.name, res.readSeq);
    return ok(res.readSeq);
  }
}
