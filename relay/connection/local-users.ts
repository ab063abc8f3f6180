import type { RelaySocket } from '../socket-types.js';

/** This replica's connections grouped by user: renames and name look-ups without Redis. */
export class LocalUsers {
  private readonly sockets = new Map<string, Set<RelaySocket>>();

  add(socket: RelaySocket): void {
    const id = socket.data.user.id;
    const set = this.sockets.get(id) ?? new Set<RelaySocket>();
    set.add(socket);
    this.sockets.set(id, set);
  }

  remove(socket: RelaySocket): void {
    const id = socket.data.user.id;
    const set = this.sockets.get(id);
    if (!set) return;
    set.delete(socket);
    if (set.size === 0) this.sockets.delete(id);
  }

  nameOf(userId: string): string | undefined {
    const first = this.sockets.get(userId)?.values().next();
    return first && !first.done ? first.value.data.user.name : undefined;
  }

  /** Every local connection of the user sends under the new name from now on. */
  rename(userId: string, name: string): void {
    for (const socket of this.sockets.get(userId) ?? []) socket.data.user = { ...socket.data.user, name };
  }
}
