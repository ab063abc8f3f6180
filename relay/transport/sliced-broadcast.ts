import type { ServerToClientEvents } from '../../shared/index.js';
import type { RelayServer } from '../socket-types.js';

/** Members a sliced broadcast writes to per turn of the event loop. */
export const BROADCAST_SLICE = 256;

type OneArgumentEvent = { [E in keyof ServerToClientEvents]: Parameters<ServerToClientEvents[E]> extends [unknown] ? E : never }[keyof ServerToClientEvents];

/**
 * Emits one event to this replica's members of `room`, `slice` members per turn of the event loop
 * (a room of at most `slice` members gets it at once, as from Socket.IO's broadcast).
 *
 * Every write holds its state — Engine.IO's packet and buffers, ws's frame, Node's write request —
 * until it completes, after the current turn. Socket.IO's broadcast writes to every member in one
 * turn: to the 5,000 members of a full lobby that is megabytes alive at once, so scavenges in the
 * middle of it copy it into the old generation, where it stays as garbage until a full GC.
 * Measured with --trace-gc-nvp while 3,000 clients filled the lobby (issue 15, then with 4 MB
 * semi-spaces): the lobby's `room:presence` counts made up 0.6–2 KB of the promoted bytes per
 * connection, depending on how many counts the fill lasted.
 * A slice's state dies before the next slice is written.
 *
 * The members are those of the moment of the call; one that left the room before its slice is
 * skipped (and one that joined since was not a member when the event happened).
 */
export function createSlicedBroadcast(io: RelayServer, slice = BROADCAST_SLICE) {
  const namespace = io.of('/');
  return <E extends OneArgumentEvent>(room: string, event: E, payload: Parameters<ServerToClientEvents[E]>[0]): void => {
    const members = namespace.adapter.rooms.get(room);
    if (!members || members.size === 0) return;
    // The cast: Socket.IO's emit types its rest arguments per event, which a generic E cannot satisfy.
    const emit = (to: string | string[]) => (io.local.to(to).emit as (event: string, payload: unknown) => boolean)(event, payload);
    if (members.size <= slice) {
      emit(room);
      return;
    }
    // Each socket is in the room named by its id: a slice is a broadcast to those ids.
    const ids = [...members];
    const step = (from: number) => {
      const current = namespace.adapter.rooms.get(room);
      const targets = ids.slice(from, from + slice).filter((id) => current?.has(id) === true);
      if (targets.length > 0) emit(targets);
      if (from + slice < ids.length) setImmediate(step, from + slice);
    };
    step(0);
  };
}
