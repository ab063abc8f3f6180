import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../shared/index.js';
import { MemoryMessageStore } from '../store/memory-message-store.js';
import type { MessageStore, RoomAdvance } from '../store/message-store.js';
import { RoomFeeds, UNFOLLOW_LINGER_MS } from './room-feeds.js';

const limits = { historyLimit: 1000, ratePerSec: 1000, burst: 1000, dedupeTtlSec: 3600 };

function send(store: MessageStore, room: string) {
  return store.append({ id: randomUUID(), room, user: { id: 'u', name: 'U' }, clientId: randomUUID(), text: 't', time: new Date().toISOString() });
}

/**
 * A store that, like Redis's sharded pub/sub, delivers a room's signals only once its follow()
 * has resolved and until unfollow(); `gate` holds follow() back to open a window for a lost signal.
 */
function followingStore(gate: Promise<void> = Promise.resolve()) {
  const inner = new MemoryMessageStore(limits);
  const followed = new Set<string>();
  const calls: string[] = [];
  const store: MessageStore = Object.assign(Object.create(inner) as MessageStore, {
    onAdvance: (listener: (advance: RoomAdvance) => void) => inner.onAdvance((advance) => followed.has(advance.room) && listener(advance)),
    follow: async (room: string) => {
      calls.push(`follow ${room}`);
      await gate;
      followed.add(room);
    },
    unfollow: async (room: string) => {
      calls.push(`unfollow ${room}`);
      followed.delete(room);
    },
  });
  return { store, calls };
}

function setup(store: MessageStore) {
  const members = new Map<string, number>();
  const delivered: number[] = [];
  let signals = 0;
  const feeds = new RoomFeeds({
    store,
    deliver: (messages: Message[]) => delivered.push(...messages.map((m) => m.seq)),
    hasLocalMembers: (room) => (members.get(room) ?? 0) > 0,
    holdMs: 0,
    onSignal: () => signals++,
    onError: (error) => {
      throw error;
    },
  });
  const join = (room: string) => {
    members.set(room, (members.get(room) ?? 0) + 1);
    return feeds.feed(room).join(() => Promise.resolve(), () => undefined);
  };
  const leave = (room: string) => {
    members.set(room, (members.get(room) ?? 1) - 1);
    feeds.releaseIfIdle(room);
  };
  return { feeds, join, leave, delivered, signals: () => signals };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('room feeds: following rooms', () => {
  it('follows a room from its first local member and unfollows it within 10 s after the last left', async () => {
    vi.useFakeTimers();
    const { store, calls } = followingStore();
    const { join, leave, feeds } = setup(store);
    await join('a');
    await join('a');
    expect(calls).toEqual(['follow a']);
    leave('a');
    leave('a');
    expect(calls).toEqual(['follow a']);
    await vi.advanceTimersByTimeAsync(UNFOLLOW_LINGER_MS);
    expect(calls).toEqual(['follow a', 'unfollow a']);
    expect(UNFOLLOW_LINGER_MS).toBeLessThan(10_000);
    feeds.close();
  });

  it('keeps following a room whose member comes back within the linger: no unsubscribe and subscribe churn', async () => {
    vi.useFakeTimers();
    const { store, calls } = followingStore();
    const { join, leave, feeds } = setup(store);
    await join('a');
    leave('a');
    await vi.advanceTimersByTimeAsync(UNFOLLOW_LINGER_MS / 2);
    await join('a');
    await vi.advanceTimersByTimeAsync(UNFOLLOW_LINGER_MS * 2);
    expect(calls).toEqual(['follow a']);
    feeds.close();
  });

  it('reads forward once the subscription takes effect: nothing sent between the join and it is missed', async () => {
    let open = () => undefined as void;
    const { store } = followingStore(new Promise<void>((resolve) => (open = resolve)));
    const { join, delivered, signals, feeds } = setup(store);
    await join('a');
    // Stored while the subscription is still on its way: these signals are lost.
    await send(store, 'a');
    await send(store, 'a');
    expect(delivered).toEqual([]);
    open();
    await expect.poll(() => delivered).toEqual([1, 2]);
    await send(store, 'a');
    await expect.poll(() => delivered).toEqual([1, 2, 3]);
    // Only the signal that arrived is counted.
    expect(signals()).toBe(1);
    feeds.close();
  });
});
