import type { User } from '../../shared/index.js';
import type { RelaySocket } from '../socket-types.js';

/**
 * This replica's connections grouped by user: renames and name look-ups without Redis. Most users
 * have one connection, held as itself; a second one turns the entry into a Set (a Set per idle
 * user would cost about 100 bytes each).
 */
export class LocalUsers {
  private readonly sockets = new Map<string, RelaySocket | Set<RelaySocket>>();

  add(socket: RelaySocket): void {
    const id = socket.data.user.id;
    const entry = this.sockets.get(id);
    if (entry === undefined) this.sockets.set(id, socket);
    else if (entry instanceof Set) entry.add(socket);
    else if (entry !== socket) this.sockets.set(id, new Set([entry, socket]));
  }

  remove(socket: RelaySocket): void {
    const id = socket.data.user.id;
    const entry = this.sockets.get(id);
    if (entry === socket) this.sockets.delete(id);
    else if (entry instanceof Set) {
      entry.delete(socket);
      if (entry.size === 1) this.sockets.set(id, entry.values().next().value!);
    }
  }

  nameOf(userId: string): string | undefined {
    return this.userOf(userId)?.name;
  }

  /**
   * The user as one of their connections holds it. Never changed in place (a rename replaces it),
   * so lists of users (a join answer's hundred) share it instead of copying.
   */
  userOf(userId: string): User | undefined {
    const entry = this.sockets.get(userId);
    if (entry === undefined) return undefined;
    const socket = entry instanceof Set ? (entry.values().next().value as RelaySocket) : entry;
    return socket.data.user;
  }

  /** Every local connection of the user sends under the new name from now on. */
  rename(userId: string, name: string): void {
    for (const socket of this.socketsOf(userId)) socket.data.user = { ...socket.data.user, name };
  }

  /** This replica's connections of the user. */
  socketsOf(userId: string): Iterable<RelaySocket> {
    const entry = this.sockets.get(userId);
    return entry === undefined ? [] : entry instanceof Set ? entry : [entry];
  }
}
