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
  return (room, messages) => {
    const members = namespace.adapter.rooms.get(room);
    if (!members || members.size === 0) return 0;
    const emitAll = () => {
      for (const message of messages) io.local.to(room).emit('message', message as Message);
    };
    if (messages.length === 1) emitAll();
    else writeTogether(connectionsOf(namespace.sockets, members), emitAll);
    return members.size * messages.length;
  };
}

function* connectionsOf(sockets: ReadonlyMap<string, { conn: object }>, ids: Iterable<string>): Iterable<object> {
  for (const id of ids) {
    const conn = sockets.get(id)?.conn;
    if (conn) yield conn;
  }
}
