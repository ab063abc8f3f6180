import { describe, expect, it } from 'vitest';
import { describeMessageStore, request, SUITE_LIMITS } from './message-store.suite.js';
import { describeStreamChanges } from './stream-changes.suite.js';
import { EMPTY_ROOM_TTL_SEC, type MessageStoreLimits } from './message-store.js';
import { MemoryMessageStore } from './memory-message-store.js';

const create = async (limits: MessageStoreLimits) => ({ store: new MemoryMessageStore(limits), cleanup: async () => {} });
describeMessageStore('memory', create);
describeStreamChanges('memory', create);

describe('memory message store room lifetime', () => {
  it('forgets an empty room EMPTY_ROOM_TTL_SEC after its last join, and keeps a room with history', async () => {
    let now = 0;
    const store = new MemoryMessageStore({ ...SUITE_LIMITS, maxRooms: 2 }, () => now);
    const quiet = await store.head('quiet');
    await store.append(request({ room: 'busy' }));
    await expect(store.head('third')).rejects.toThrow('room limit');
    now += EMPTY_ROOM_TTL_SEC * 1000 + 1;
    // The empty room is gone (a join now makes a new one), the busy one stays.
    expect(await store.head('quiet', false)).toEqual({ epoch: 'none', lastSeq: 0, firstSeq: 1 });
    expect((await store.head('third')).epoch).not.toBe(quiet.epoch);
    expect((await store.head('busy')).lastSeq).toBe(1);
  });
});
