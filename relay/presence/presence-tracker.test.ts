import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryPresenceStore } from '../store/memory-presence-store.js';
import type { PresenceTransition } from '../store/presence-store.js';
import { PresenceTracker } from './presence-tracker.js';

function setup() {
  const events: string[] = [];
  const tracker = new PresenceTracker({
    store: new MemoryPresenceStore(),
    graceMs: 3000,
    announce: async (flips: PresenceTransition[], reason) => {
      for (const f of flips) events.push(f.present ? `joined ${f.room} ${f.userId}` : `left ${f.room} ${f.userId} ${reason}`);
    },
    onError: (error) => {
      throw error;
    },
  });
  return { tracker, events };
}

describe('presence tracker', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('announces a user once per room however many connections they have', async () => {
    const { tracker, events } = setup();
    await tracker.enter('lobby', 'u1');
    await tracker.enter('lobby', 'u1');
    await tracker.exit('lobby', 'u1', 'left');
    expect(events).toEqual(['joined lobby u1']);
    await tracker.exit('lobby', 'u1', 'closed');
    expect(events).toEqual(['joined lobby u1', 'left lobby u1 closed']);
  });

  it('holds a dropped connection for the grace period: a quick reconnect shows nothing', async () => {
    const { tracker, events } = setup();
    await tracker.enter('lobby', 'u1');
    tracker.exitAfterGrace('lobby', 'u1');
    await vi.advanceTimersByTimeAsync(2000);
    await tracker.enter('lobby', 'u1');
    await vi.advanceTimersByTimeAsync(5000);
    expect(events).toEqual(['joined lobby u1']);
    expect(tracker.pendingHolds).toBe(0);
  });

  it('lets the user go as disconnected when the grace period ends', async () => {
    const { tracker, events } = setup();
    await tracker.enter('lobby', 'u1');
    tracker.exitAfterGrace('lobby', 'u1');
    await vi.advanceTimersByTimeAsync(2999);
    expect(events).toEqual(['joined lobby u1']);
    await vi.advanceTimersByTimeAsync(2);
    expect(events).toEqual(['joined lobby u1', 'left lobby u1 disconnected']);
    expect(tracker.held()).toEqual([]);
  });

  it('lets a closed session go as closed after the grace period, or not at all when the user is back', async () => {
    const { tracker, events } = setup();
    await tracker.enter('lobby', 'u1');
    await tracker.enter('lobby', 'u2');
    tracker.exitAfterGrace('lobby', 'u1', 'closed');
    tracker.exitAfterGrace('lobby', 'u2', 'closed');
    await vi.advanceTimersByTimeAsync(1000);
    await tracker.enter('lobby', 'u2');
    await vi.advanceTimersByTimeAsync(2001);
    expect(events).toEqual(['joined lobby u1', 'joined lobby u2', 'left lobby u1 closed']);
  });

  it('sends the changes made while a store update is in flight together, in order, each leave with its reason', async () => {
    const store = new MemoryPresenceStore();
    const batches: string[][] = [];
    const apply = store.apply.bind(store);
    store.apply = (changes) => {
      batches.push(changes.map((c) => `${c.present ? '+' : '-'}${c.userId}`));
      return apply(changes);
    };
    const events: string[] = [];
    const tracker = new PresenceTracker({
      store,
      graceMs: 0,
      announce: async (flips, reason) => {
        for (const f of flips) events.push(f.present ? `joined ${f.userId}` : `left ${f.userId} ${reason}`);
      },
      onError: (error) => {
        throw error;
      },
    });
    const first = tracker.enter('lobby', 'u1');
    const rest = [tracker.enter('lobby', 'u2'), tracker.exit('lobby', 'u1', 'left'), tracker.enter('lobby', 'u3'), tracker.exit('lobby', 'u3', 'closed')];
    await Promise.all([first, ...rest]);
    expect(batches).toEqual([['+u1'], ['+u2', '-u1', '+u3', '-u3']]);
    expect(events).toEqual(['joined u1', 'joined u2', 'left u1 left', 'joined u3', 'left u3 closed']);
  });

  it('asks for a resync when the store fails', async () => {
    const tracker = new PresenceTracker({
      store: Object.assign(new MemoryPresenceStore(), { apply: () => Promise.reject(new Error('redis down')) }),
      graceMs: 0,
      announce: async () => {},
      onError: () => {},
    });
    await tracker.enter('lobby', 'u1');
    expect(tracker.needsResync).toBe(true);
    expect(tracker.held()).toEqual([{ room: 'lobby', userId: 'u1' }]);
  });
});

describe('presence tracker settle', () => {
  it('lets the grace timers fire and returns as soon as the holds have ended', async () => {
    const { tracker, events } = setupReal(200);
    await tracker.enter('lobby', 'u1');
    tracker.exitAfterGrace('lobby', 'u1');
    const started = Date.now();
    await tracker.settle(5000);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(events).toEqual(['joined lobby u1', 'left lobby u1 disconnected']);
  });
});

function setupReal(graceMs: number) {
  const events: string[] = [];
  const tracker = new PresenceTracker({
    store: new MemoryPresenceStore(),
    graceMs,
    announce: async (flips: PresenceTransition[], reason) => {
      for (const f of flips) events.push(f.present ? `joined ${f.room} ${f.userId}` : `left ${f.room} ${f.userId} ${reason}`);
    },
    onError: () => {},
  });
  return { tracker, events };
}
