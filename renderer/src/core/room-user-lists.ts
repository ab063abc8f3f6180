import { Emitter } from './emitter.js';
import type { Requester } from './relay-request.js';
import type { RoomPresence } from './room-presence.js';
import { RoomUserList } from './room-user-list.js';

export interface RoomUserListsDeps {
  request: Requester;
  /** A joined room's presence; undefined for a room not (or no longer) joined. */
  presence(room: string): RoomPresence | undefined;
}

/**
 * The online list of every joined room, made when first asked for. Lists tell their changes
 * (pages loaded, search progress) through `events`; presence changes come with the client's
 * `room` event, after which a view reads `of(room).view()` again.
 */
export class RoomUserLists {
  readonly events = new Emitter<{ changed: (room: string) => void }>();
  private readonly lists = new Map<string, RoomUserList>();

  constructor(private readonly deps: RoomUserListsDeps) {}

  of(room: string): RoomUserList {
    // Rooms left meanwhile go, so their loaded pages do not pile up.
    for (const [name, list] of this.lists) {
      if (this.deps.presence(name)) continue;
      list.watch(false);
      this.lists.delete(name);
    }
    let list = this.lists.get(room);
    if (!list) {
      list = new RoomUserList({
        room,
        request: this.deps.request,
        presence: () => this.deps.presence(room),
        changed: () => this.events.emit('changed', room),
      });
      this.lists.set(room, list);
    }
    return list;
  }
}
