import { describe, expect, it } from 'vitest';
import type { PresenceStore } from './presence-store.js';
import type { UserStore } from './user-store.js';

export interface PresenceHarness {
  /** Presence as seen by one replica of a cluster (the memory mode has only one). */
  replica(id: string): PresenceStore;
  users: UserStore;
  cleanup(): Promise<void>;
}

/** Every user of a room, page by page (and checks the pages chain). */
async function everyone(store: PresenceStore, room: string, pageSize = 100): Promise<string[]> {
  const all: string[] = [];
  for (let after: string | undefined, pages = 0; pages < 1000; pages++) {
    const page = await store.page(room, after, pageSize);
    all.push(...page.userIds);
    if (page.next === undefined) return all;
    expect(page.userIds).toHaveLength(pageSize);
    expect(page.next).toBe(page.userIds.at(-1));
    after = page.next;
  }
  throw new Error('pages never ended');
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
      expect(await store.apply([{ room: 'lobby', userId: 'u1', present: true }])).toEqual([{ room: 'lobby', userId: 'u1', present: true, count: 1 }]);
      expect(await store.apply([{ room: 'lobby', userId: 'u1', present: true }])).toEqual([]);
      expect(await everyone(store, 'lobby')).toEqual(['u1']);
      expect(await store.roomsOf('u1')).toEqual(['lobby']);
      expect(await store.apply([{ room: 'lobby', userId: 'u1', present: false }])).toEqual([{ room: 'lobby', userId: 'u1', present: false, count: 0 }]);
      expect(await store.apply([{ room: 'lobby', userId: 'u1', present: false }])).toEqual([]);
      expect(await everyone(store, 'lobby')).toEqual([]);
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
      expect(await everyone(store, 'lobby')).toEqual(['u1', 'u2']);
      expect(await store.count('lobby')).toBe(2);
      expect(await store.count('nowhere')).toBe(0);
    }));

    it('reports with each flip the room\'s count right after it', withHarness(async (h) => {
      const store = h.replica('r1');
      const flips = await store.apply([
        { room: 'big', userId: 'u1', present: true },
        { room: 'big', userId: 'u2', present: true },
        { room: 'big', userId: 'u3', present: true },
        { room: 'big', userId: 'u1', present: false },
      ]);
      expect(flips.map((f) => `${f.userId}${f.present ? '+' : '-'}${f.count}`)).toEqual(['u1+1', 'u2+2', 'u3+3', 'u1-2']);
      const resynced = await store.resync([{ room: 'big', userId: 'u2' }]);
      expect(resynced).toEqual([{ room: 'big', userId: 'u3', present: false, count: 1 }]);
      expect(await store.removeSelf()).toEqual([{ room: 'big', userId: 'u2', present: false, count: 0 }]);
    }));

    it('pages through a room in id order, each user once, on past a cursor that left', withHarness(async (h) => {
      const store = h.replica('r1');
      const ids = ['u05', 'u01', 'u10', 'u03', 'u07', 'u02', 'u09', 'u04', 'u08', 'u06'];
      await store.apply(ids.map((userId) => ({ room: 'big', userId, present: true })));
      const first = await store.page('big', undefined, 4);
      expect(first).toEqual({ userIds: ['u01', 'u02', 'u03', 'u04'], next: 'u04' });
      // The cursor's user and one not yet listed leave, one arrives before the cursor, one after.
      await store.apply([
        { room: 'big', userId: 'u04', present: false },
        { room: 'big', userId: 'u06', present: false },
        { room: 'big', userId: 'u00', present: true },
        { room: 'big', userId: 'u055', present: true },
      ]);
      const second = await store.page('big', first.next, 4);
      expect(second).toEqual({ userIds: ['u05', 'u055', 'u07', 'u08'], next: 'u08' });
      // The last page holds the rest and no `next`, also when it is exactly full.
      expect(await store.page('big', second.next, 2)).toEqual({ userIds: ['u09', 'u10'] });
      expect(await store.page('big', 'u10', 5)).toEqual({ userIds: [] });
      expect(await store.page('nowhere', undefined, 5)).toEqual({ userIds: [] });
      // Byte order, as Redis sorts: upper case before lower case, a prefix before its extensions.
      await store.apply(['B', 'a', 'aa'].map((userId) => ({ room: 'mixed', userId, present: true })));
      expect(await store.page('mixed', undefined, 10)).toEqual({ userIds: ['B', 'a', 'aa'] });
    }));

    it('lists the newest arrivals first, bounded, a returning user as new', withHarness(async (h) => {
      const store = h.replica('r1');
      await store.apply(['u1', 'u2', 'u3'].map((userId) => ({ room: 'big', userId, present: true })));
      await store.apply([{ room: 'big', userId: 'u4', present: true }]);
      expect((await store.recent('big', 10)).userIds).toEqual(['u4', 'u3', 'u2', 'u1']);
      await store.apply([{ room: 'big', userId: 'u2', present: false }, { room: 'big', userId: 'u1', present: false }]);
      await store.apply([{ room: 'big', userId: 'u1', present: true }]);
      expect((await store.recent('big', 10)).userIds).toEqual(['u1', 'u4', 'u3']);
      expect(await store.recent('big', 2)).toEqual({ userIds: ['u1', 'u4'], count: 3 });
      expect(await store.recent('nowhere', 2)).toEqual({ userIds: [], count: 0 });
    }));

    it('moves a user who sends to the front of the newest, and never adds one who is not there', withHarness(async (h) => {
      const store = h.replica('r1');
      await store.apply(['u1', 'u2', 'u3'].map((userId) => ({ room: 'big', userId, present: true })));
      await store.touch('big', 'u1');
      await store.touch('big', 'ghost');
      await store.touch('nowhere', 'u1');
      expect(await store.recent('big', 10)).toEqual({ userIds: ['u1', 'u3', 'u2'], count: 3 });
      expect(await store.count('nowhere')).toBe(0);
      // Many sends by the same few users keep the list right (and the memory store's log bounded).
      for (let i = 0; i < 200; i++) await store.touch('big', `u${(i % 3) + 1}`);
      expect(await store.recent('big', 10)).toEqual({ userIds: ['u2', 'u1', 'u3'], count: 3 });
      expect(await everyone(store, 'big')).toEqual(['u1', 'u2', 'u3']);
    }));

    it('keeps count, pages and arrivals right through many arrivals and departures', withHarness(async (h) => {
      const store = h.replica('r1');
      const ids = Array.from({ length: 300 }, (_, i) => `user-${String(i).padStart(3, '0')}`);
      await store.apply(ids.map((userId) => ({ room: 'big', userId, present: true })));
      const leaving = ids.filter((_, i) => i % 3 === 0);
      await store.apply(leaving.map((userId) => ({ room: 'big', userId, present: false })));
      const staying = ids.filter((_, i) => i % 3 !== 0);
      expect(await store.count('big')).toBe(200);
      expect(await everyone(store, 'big', 37)).toEqual(staying);
      expect((await store.recent('big', 3)).userIds).toEqual(staying.slice(-3).reverse());
    }));

    it('resync replaces what this replica holds and reports only real flips', withHarness(async (h) => {
      const store = h.replica('r1');
      await store.apply([{ room: 'lobby', userId: 'u1', present: true }, { room: 'lobby', userId: 'u2', present: true }]);
      const flips = await store.resync([{ room: 'lobby', userId: 'u2' }, { room: 'dev', userId: 'u3' }]);
      expect(sort(flips)).toEqual(sort([{ room: 'lobby', userId: 'u1', present: false, count: 1 }, { room: 'dev', userId: 'u3', present: true, count: 1 }]));
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
