import { describePresenceStore } from './presence-store.suite.js';
import { MemoryPresenceStore } from './memory-presence-store.js';
import { MemoryUserStore } from './memory-user-store.js';

describePresenceStore('memory', async () => {
  const store = new MemoryPresenceStore();
  return { replica: () => store, users: new MemoryUserStore(), cleanup: async () => {} };
});
