import { describeMessageStore } from './message-store.suite.js';
import { describeStreamChanges } from './stream-changes.suite.js';
import type { MessageStoreLimits } from './message-store.js';
import { MemoryMessageStore } from './memory-message-store.js';

const create = async (limits: MessageStoreLimits) => ({ store: new MemoryMessageStore(limits), cleanup: async () => {} });
describeMessageStore('memory', create);
describeStreamChanges('memory', create);
