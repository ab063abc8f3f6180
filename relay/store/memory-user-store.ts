import { NAME_TTL_SEC, type UserStore } from './user-store.js';

/**
 * Names in this process. Like the Redis keys, a name lives NAME_TTL_SEC after its user last
 * connected (setName runs at every handshake): an identity nobody uses any more is forgotten,
 * so a process that runs for months does not keep every identity it ever issued.
 */
export class MemoryUserStore implements UserStore {
  /** userId → name and when it expires; a Map keeps insertion order, and setName re-inserts, so the oldest come first. */
  private readonly names = new Map<string, { name: string; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async setName(userId: string, name: string): Promise<void> {
    const now = this.now();
    this.names.delete(userId);
    this.names.set(userId, { name, expiresAt: now + NAME_TTL_SEC * 1000 });
    this.forgetExpired(now);
  }

  async getNames(userIds: string[]): Promise<Map<string, string>> {
    const now = this.now();
    const found = new Map<string, string>();
    for (const id of userIds) {
      const entry = this.names.get(id);
      if (entry !== undefined && entry.expiresAt > now) found.set(id, entry.name);
    }
    return found;
  }

  get size(): number {
    return this.names.size;
  }

  /** A few of the oldest at a time: the expired ones are at the front. */
  private forgetExpired(now: number): void {
    let checked = 0;
    for (const [id, entry] of this.names) {
      if (entry.expiresAt > now || ++checked > 8) break;
      this.names.delete(id);
    }
  }
}
