import { describeMessageStore } from './message-store.suite.js';
import { MemoryMessageStore } from './memory-message-store.js';

describeMessageStore('memory', async (limits) => ({ store: new MemoryMessageStore(limits), cleanup: async () => {} }));
