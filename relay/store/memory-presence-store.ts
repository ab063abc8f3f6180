import type { PresenceEntry, PresenceStore, PresenceTransition } from './presence-store.js';

/** Presence for the single-process mode: one replica, so no heartbeats and nothing to reap. */
export class MemoryPresenceStore implements PresenceStore {
  /** room → users held. */
  private readonly rooms = new Map<string, Set<string>>();

  async apply(changes: Array<PresenceEntry & { present: boolean }>): Promise<PresenceTransition[]> {
    const flips: PresenceTransition[] = [];
    for (const { room, userId, present } of changes) {
      const users = this.rooms.get(room) ?? new Set<string>();
      if (present && !users.has(userId)) {
        users.add(userId);
        this.rooms.set(room, users);
        flips.push({ room, userId, present: true });
      } else if (!present && users.delete(userId)) {
        if (users.size === 0) this.rooms.delete(room);
        flips.push({ room, userId, present: false });
      }
    }
    return flips;
  }

  async usersIn(room: string): Promise<string[]> {
    return [...(this.rooms.get(room) ?? [])];
  }

  async roomsOf(userId: string): Promise<string[]> {
    return [...this.rooms].filter(([, users]) => users.has(userId)).map(([room]) => room);
  }

  async roomUserCounts(): Promise<Map<string, number>> {
    return new Map([...this.rooms].map(([room, users]) => [room, users.size]));
  }

  async heartbeat(): Promise<boolean> {
    return false;
  }

  async reapDead(): Promise<PresenceTransition[]> {
    return [];
  }

  async resync(held: PresenceEntry[]): Promise<PresenceTransition[]> {
    const wanted = new Set(held.map((e) => `${e.room}\n${e.userId}`));
    const changes: Array<PresenceEntry & { present: boolean }> = [];
    for (const [room, users] of this.rooms) for (const userId of users) if (!wanted.has(`${room}\n${userId}`)) changes.push({ room, userId, present: false });
    for (const entry of held) changes.push({ ...entry, present: true });
    return this.apply(changes);
  }

  async removeSelf(): Promise<PresenceTransition[]> {
    return this.resync([]);
  }
}
