import type { UserStore } from './user-store.js';

export class MemoryUserStore implements UserStore {
  private readonly names = new Map<string, string>();

  async setName(userId: string, name: string): Promise<void> {
    this.names.set(userId, name);
  }

  async getNames(userIds: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const id of userIds) {
      const name = this.names.get(id);
      if (name !== undefined) found.set(id, name);
    }
    return found;
  }
}
