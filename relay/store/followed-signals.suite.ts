import { describe, expect, it } from 'vitest';
import { keySlot } from '../redis/key-slot.js';
import type { MessageStoreLimits } from './message-store.js';
import { request, storeTest, SUITE_LIMITS, type MessageStoreHarness } from './message-store.suite.js';

/** A room name whose slot is `room`'s: its signals come over the same subscriber connection, in order. */
function twinOf(room: string): string {
  for (let i = 0; ; i++) if (keySlot(`twin-${i}`) === keySlot(room)) return `twin-${i}`;
}

/**
 * Stores whose replicas hear only the rooms they follow (Redis: a shard channel per room). The
 * memory store hears every room, being one process, so it is not run here.
 */
export function describeFollowedSignals(name: string, create: (limits: MessageStoreLimits) => Promise<MessageStoreHarness>): void {
  describe(`${name} message store, followed rooms`, () => {
    const withStore = storeTest(create);

    it('signals only the rooms this replica follows, from follow() until unfollow()', withStore({ ...SUITE_LIMITS, burst: 100 }, async (store) => {
      const twin = twinOf('mine');
      const seen: string[] = [];
      const unsubscribe = store.onAdvance((advance) => seen.push(`${advance.room} ${advance.lastSeq}`));
      await store.follow('mine');
      await store.append(request({ room: 'other' }));
      await store.append(request({ room: 'mine' }));
      await expect.poll(() => seen).toEqual(['mine 1']);
      await store.unfollow('mine');
      await store.follow(twin);
      await store.append(request({ room: 'mine' }));
      await store.append(request({ room: twin }));
      // The twin's signal travels behind mine's on the same connection: had mine's come, it would be here.
      await expect.poll(() => seen).toEqual(['mine 1', `${twin} 1`]);
      unsubscribe();
    }));
  });
}
