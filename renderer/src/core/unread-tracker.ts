import { LOBBY } from '../../../shared/rooms.js';
import type { RoomState } from './room-state.js';

/**
 * Counts what the user has not seen: messages from others arriving in a room other than the open
 * one, or while the window is hidden. Looking at a room clears its count.
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
    if (state.name === this.activeRoom && this.visible) return;
    state.unread++;
    this.changed();
  }

  private clearIfSeen(): void {
    const state = this.rooms.get(this.activeRoom);
    if (this.visible && state && state.unread > 0) {
      state.unread = 0;
      this.changed();
    }
  }
}
