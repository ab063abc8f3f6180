import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryPresenceStore } from '../store/memory-presence-store.js';
import { SenderRecency } from './sender-recency.js';

describe('sender recency', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('moves a sender up at most once per room every ten seconds', async () => {
    const store = new MemoryPresenceStore();
    const touched: string[] = [];
    const touch = store.touch.bind(store);
    store.touch = async (room, userId) => {
      touched.push(`${room} ${userId}`);
      return touch(room, userId);
    };
    const senders = new SenderRecency(store, (error) => {
      throw error;
    });
    await store.apply(['u1', 'u2'].map((userId) => ({ room: 'big', userId, present: true })));
    senders.noteSent('big', 'u1');
    senders.noteSent('big', 'u1');
    senders.noteSent('other', 'u1');
    await vi.advanceTimersByTimeAsync(9000);
    senders.noteSent('big', 'u1');
    expect(touched).toEqual(['big u1', 'other u1']);
    expect((await store.recent('big', 2)).userIds).toEqual(['u1', 'u2']);
    await vi.advanceTimersByTimeAsync(1000);
    senders.noteSent('big', 'u1');
    expect(touched).toEqual(['big u1', 'other u1', 'big u1']);
  });
});
