import type { Message } from '../../shared/index.js';
import type { LiveEntry } from '../store/encoded-entry.js';
import type { RelayServer } from '../socket-types.js';
import { writeTogether } from './frame-batching.js';

/**
 * Emits messages, in order, to this replica's members of their room (never through the adapter:
 * every replica runs its own feed of the room), each member's share in one write. Returns the
 * number of deliveries. An `EncodedEntry` goes out as its stored JSON (entry-encoder.ts, which the
 * server must use): to the event map it is the Message it encodes.
 */
export function createRoomFanOut(io: RelayServer): (room: string, messages: readonly LiveEntry[]) => number {
  const namespace = io.of('/');
  // Made once: `io.local` builds two broadcast operators (and four Sets) each time it is read,
  // and every stored message was emitted through a fresh one. An operator is immutable (`to`
  // returns a new one), so one serves every emit; the namespace's adapter is fixed at start.
  const local = namespace.local;
  return (room, messages) => {
    const members = namespace.adapter.rooms.get(room);
    if (!members || members.size === 0) return 0;
    if (messages.length === 1) local.to(room).emit('message', messages[0] as Message);
    else writeTogether(connectionsOf(namespace.sockets, members), () => emitEach(local.to(room), messages));
    return members.size * messages.length;
  };
}

function emitEach(toRoom: ReturnType<RelayServer['to']>, messages: readonly LiveEntry[]): void {
  for (const message of messages) toRoom.emit('message', message as Message);
}

function* connectionsOf(sockets: ReadonlyMap<string, { conn: object }>, ids: Iterable<string>): Iterable<object> {
  for (const id of ids) {
    const conn = sockets.get(id)?.conn;
    if (conn) yield conn;
  }
}
