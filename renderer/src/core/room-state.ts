import { RoomLog } from './room-log.js';
import { emptyPresence, type RoomPresence } from './room-presence.js';

/** Everything the client knows about one joined room. */
export class RoomState {
  readonly log = new RoomLog();
  /** Replaced, never changed in place, with what `reducePresence` returns. */
  presence: RoomPresence;
  unread = 0;
  /** The highest seq the user has read here, on any connection (contract v1.1). */
  readSeq = 0;
  /** Joined on the current connection (live events for it are flowing). */
  synced = false;
  loadingOlder = false;

  constructor(readonly name: string) {
    this.presence = emptyPresence(name);
  }
}
