import { LOBBY } from '../../../shared/rooms.js';
import type { RoomState } from './room-state.js';

/** The relay counts unread messages up to this many (contract v1.1). */
const UNREAD_CAP = 999;

/**
 * Counts what the user has not seen: messages from others arriving in a room other than the open
 * one, or while the window is hidden. Looking at a room clears its count. With contract v1.1 the
 * relay keeps read positions: a join answer brings the room's count, and a read on another
 * connection of the same user (`room:read`) recounts it from what this client holds.
 */
export class UnreadTracker {
  private activeRoom = LOBBY;
  private visible = true;

  constructor(
    private readonly rooms: { get(room: string): RoomState | undefined; all(): Iterable<RoomState> },
    /** An unread count changed. */
    private readonly changed: () => void,
  ) {}

  get total(): number {
    let total = 0;
    for (const state of this.rooms.all()) total += state.unread;
    return total;
  }

  setActiveRoom(room: string): void {
    this.activeRoom = room;
    this.clearIfSeen();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.clearIfSeen();
  }

  /** A new message from someone else arrived in `state`. */
  arrived(state: RoomState): void {
    if (this.seen(state)) return;
    state.unread++;
    this.changed();
  }

  /** A `room:join` answer: the relay's read position and count for this user. */
  joined(state: RoomState, readSeq: number, unread: number): void {
    state.readSeq = Math.max(state.readSeq, readSeq);
    const next = this.seen(state) ? 0 : unread;
    if (next === state.unread) return;
    state.unread = next;
    this.changed();
  }

  /** The user read up to `readSeq` (here or on another connection): count what is left. */
  readUpTo(state: RoomState, readSeq: number, myId: string | undefined): void {
    if (readSeq <= state.readSeq) return;
    state.readSeq = readSeq;
    let left = 0;
    for (const m of state.log.messages) if (m.seq > readSeq && !m.deleted && m.user.id !== myId && left < UNREAD_CAP) left++;
    if (left === state.unread) return;
    state.unread = left;
    this.changed();
  }

  private seen(state: RoomState): boolean {
    return state.name === this.activeRoom && this.visible;
  }

  private clearIfSeen(): void {
    const state = this.rooms.get(this.activeRoom);
    if (this.visible && state && state.unread > 0) {
      state.unread = 0;
      this.changed();
    }
  }
}
