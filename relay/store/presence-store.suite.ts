import { describe, expect, it } from 'vitest';
import type { PresenceStore } from './presence-store.js';
import type { UserStore } from './user-store.js';

export interface PresenceHarness {
  /** Presence as seen by one replica of a cluster (the memory mode has only one). */
  replica(id: string): PresenceStore;
  users: UserStore;
  cleanup(): Promise<void>;
}

const sort = <T extends { room: string; userId: string }>(list: T[]) => [...list].sort((a, b) => `${a.room}${a.userId}`.localeCompare(`${b.room}${b.userId}`));

export function describePresenceStore(name: string, create: () => Promise<PresenceHarness>): void {
  describe(`${name} presence and user stores`, () => {
    const withHarness = (body: (h: PresenceHarness) => Promise<void>) => async () => {
      const harness = await create();
      try {
        await body(harness);
      } finally {
        await harness.cleanup();
      }
    };

    it('reports a user joining and leaving a room once, and is idempotent', withHarness(async (h) => {
      const store = h.replica('r1');
      expect(await store.apply([{ room: 'lobby', userId: 'u1', present: true }])).toEqual([{ room: 'lobby', userId: 'u1', present: true }]);
      expect(await store.apply([{ room: 'lobby', userId: 'u1', present: true }])).toEqual([]);
      expect(await store.usersIn('lobby')).toEqual(['u1']);
      expect(await store.roomsOf('u1')).toEqual(['lobby']);
      expect(await store.apply([{ room: 'lobby', userId: 'u1', present: false }])).toEqual([{ room: 'lobby', userId: 'u1', present: false }]);
      expect(await store.apply([{ room: 'lobby', userId: 'u1', present: false }])).toEqual([]);
      expect(await store.usersIn('lobby')).toEqual([]);
      expect(await store.roomsOf('u1')).toEqual([]);
    }));

    it('counts users per room and lists the rooms of a user', withHarness(async (h) => {
      const store = h.replica('r1');
      await store.apply([
        { room: 'lobby', userId: 'u1', present: true },
        { room: 'lobby', userId: 'u2', present: true },
        { room: 'dev', userId: 'u1', present: true },
      ]);
      expect(Object.fromEntries(await store.roomUserCounts())).toEqual({ lobby: 2, dev: 1 });
      expect((await store.roomsOf('u1')).sort()).toEqual(['dev', 'lobby']);
      expect((await store.usersIn('lobby')).sort()).toEqual(['u1', 'u2']);
    }));

    it('resync replaces what this replica holds and reports only real flips', withHarness(async (h) => {
      const store = h.replica('r1');
      await store.apply([{ room: 'lobby', userId: 'u1', present: true }, { room: 'lobby', userId: 'u2', present: true }]);
      const flips = await store.resync([{ room: 'lobby', userId: 'u2' }, { room: 'dev', userId: 'u3' }]);
      expect(sort(flips)).toEqual(sort([{ room: 'lobby', userId: 'u1', present: false }, { room: 'dev', userId: 'u3', present: true }]));
      expect(await store.removeSelf()).toHaveLength(2);
      expect(await store.roomUserCounts()).toEqual(new Map());
    }));

    it('stores names centrally', withHarness(async (h) => {
      await h.users.setName('u1', 'Alice');
      await h.users.setName('u1', 'Alice B.');
      await h.users.setName('u2', 'Bob');
      expect(Object.fromEntries(await h.users.getNames(['u1', 'u2', 'nobody']))).toEqual({ u1: 'Alice B.', u2: 'Bob' });
      expect(await h.users.getNames([])).toEqual(new Map());
    }));
  });
}
