import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RoomLimitError, type AppendRequest, type MessageStore, type MessageStoreLimits, type RoomAdvance } from './message-store.js';

export interface MessageStoreHarness {
  store: MessageStore;
  cleanup(): Promise<void>;
}

export const SUITE_LIMITS: MessageStoreLimits = { historyLimit: 100, ratePerSec: 10, burst: 20, dedupeTtlSec: 90_000 };

const alice = { id: 'u-alice', name: 'Alice' };

export function request(overrides: Partial<AppendRequest> = {}): AppendRequest {
  return { id: randomUUID(), room: 'lobby', user: alice, clientId: randomUUID(), text: 'hello', time: new Date().toISOString(), ...overrides };
}

/** Appends as many distinct users so the per-user rate limit stays out of the way. */
async function fill(store: MessageStore, room: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const outcome = await store.append(request({ room, user: { id: `filler-${i}`, name: 'F' }, text: `m${i + 1}` }));
    expect(outcome.status).toBe('stored');
  }
}

/** A test body run on a fresh store with `limits`, cleaned up after. */
export function storeTest(create: (limits: MessageStoreLimits) => Promise<MessageStoreHarness>) {
  return (limits: MessageStoreLimits, body: (store: MessageStore) => Promise<void>) => async () => {
    const harness = await create(limits);
    try {
      await body(harness.store);
    } finally {
      await harness.cleanup();
    }
  };
}

/** The behaviour every MessageStore implementation must show; run against memory and Redis. */
export function describeMessageStore(name: string, create: (limits: MessageStoreLimits) => Promise<MessageStoreHarness>): void {
  describe(`${name} message store`, () => {
    const withStore = storeTest(create);

    it('gives each room its own gapless seq starting at 1, with the message as sent', withStore(SUITE_LIMITS, async (store) => {
      const a1 = await store.append(request({ room: 'a', text: 'first' }));
      const b1 = await store.append(request({ room: 'b', user: { id: 'u-bob', name: 'Bob' } }));
      const a2 = await store.append(request({ room: 'a', text: 'second' }));
      expect(a1.status === 'stored' && a1.message.seq).toBe(1);
      expect(b1.status === 'stored' && b1.message.seq).toBe(1);
      expect(a2.status === 'stored' && a2.message).toMatchObject({ seq: 2, room: 'a', text: 'second', user: alice });
      expect((await store.head('a')).lastSeq).toBe(2);
    }));

    it('answers a stored message with exactly the entry it keeps and signals: fields, values and their order', withStore(SUITE_LIMITS, async (store) => {
      const seen: RoomAdvance[] = [];
      const unsubscribe = store.onAdvance((advance) => seen.push(advance));
      await store.follow('exact');
      const first = await store.append(request({ room: 'exact', text: 'target' }));
      if (first.status !== 'stored') throw new Error(`not stored: ${first.status}`);
      const replyTo = { id: first.message.id, seq: first.message.seq, user: alice, excerpt: 'target' };
      const reply = await store.append(request({ room: 'exact', text: 'answer ✓', replyTo, mentions: ['u-bob'] }));
      if (reply.status !== 'stored') throw new Error(`not stored: ${reply.status}`);
      const kept = await store.range('exact', 0, 2, 10);
      for (const [i, outcome] of [first, reply].entries()) {
        expect(JSON.stringify(outcome.message)).toBe(JSON.stringify(kept[i]));
        // The JSON a store hands over to be delivered as it is must be those very bytes.
        if (outcome.encoded !== undefined) expect(outcome.encoded).toMatchObject({ room: 'exact', seq: outcome.message.seq, json: JSON.stringify(outcome.message) });
      }
      await expect.poll(() => seen.length).toBe(2);
      expect(JSON.stringify(seen[1]?.message)).toBe(JSON.stringify(reply.message));
      if (seen[1]?.encoded !== undefined) expect(seen[1].encoded).toMatchObject({ room: 'exact', seq: 2, json: JSON.stringify(reply.message) });
      unsubscribe();
    }));

    it('keeps seq gapless under concurrent appends', withStore({ ...SUITE_LIMITS, burst: 1000, historyLimit: 1000 }, async (store) => {
      const outcomes = await Promise.all(Array.from({ length: 200 }, (_, i) => store.append(request({ user: { id: `u${i % 7}`, name: 'X' } }))));
      const seqs = outcomes.map((o) => (o.status === 'stored' ? o.message.seq : -1)).sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    }));

    it('returns the first message with duplicate status for a repeated (user, clientId), also concurrently', withStore(SUITE_LIMITS, async (store) => {
      const clientId = 'retry-1';
      const [one, two] = await Promise.all([store.append(request({ clientId, text: 'once' })), store.append(request({ clientId, text: 'once' }))]);
      const statuses = [one.status, two.status].sort();
      expect(statuses).toEqual(['duplicate', 'stored']);
      const again = await store.append(request({ clientId, text: 'changed text' }));
      expect(again.status).toBe('duplicate');
      expect('message' in again && again.message.text).toBe('once');
      expect((await store.head('lobby')).lastSeq).toBe(1);
      // Another user may reuse the same clientId: dedupe is per user.
      const other = await store.append(request({ clientId, user: { id: 'u-bob', name: 'Bob' } }));
      expect(other.status).toBe('stored');
    }));

    it('answers a retry with its first ack after the message was trimmed from the history', withStore({ ...SUITE_LIMITS, historyLimit: 3, burst: 100 }, async (store) => {
      const first = request({ room: 'trim', clientId: 'early', text: 'soon trimmed' });
      const stored = await store.append(first);
      expect(stored.status).toBe('stored');
      await fill(store, 'trim', 5);
      expect((await store.head('trim')).firstSeq).toBeGreaterThan(1);
      const retry = await store.append({ ...first, id: randomUUID(), time: new Date(Date.now() + 5000).toISOString() });
      expect(retry.status).toBe('duplicate');
      expect('message' in retry && retry.message).toEqual(stored.status === 'stored' && stored.message);
      expect((await store.head('trim')).lastSeq).toBe(6);
    }));

    it('bounds the number of rooms: past maxRooms a new room is refused, existing ones keep working', withStore({ ...SUITE_LIMITS, maxRooms: 3 }, async (store) => {
      await store.head('one');
      expect((await store.append(request({ room: 'two' }))).status).toBe('stored');
      await store.head('three');
      await expect(store.head('four')).rejects.toBeInstanceOf(RoomLimitError);
      expect((await store.append(request({ room: 'five' }))).status).toBe('room_limit');
      expect((await store.append(request({ room: 'one' }))).status).toBe('stored');
      expect((await store.head('three')).lastSeq).toBe(0);
      // Reading does not create a room, so it is never refused.
      expect((await store.head('four', false)).lastSeq).toBe(0);
    }));

    it('admits at most maxRooms of many rooms created at once', withStore({ ...SUITE_LIMITS, maxRooms: 3, burst: 100 }, async (store) => {
      const created = await Promise.all(Array.from({ length: 12 }, (_, i) => store.append(request({ room: `new-${i}` }))));
      expect(created.filter((o) => o.status === 'stored')).toHaveLength(3);
      expect(created.filter((o) => o.status === 'room_limit')).toHaveLength(9);
      const joined = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => store.head(`joined-${i}`)));
      expect(joined.every((j) => j.status === 'rejected' && j.reason instanceof RoomLimitError)).toBe(true);
      expect(await store.rooms()).toHaveLength(3);
    }));

    it('charges no token for a retry of a stored message: only new messages count against the burst', withStore({ ...SUITE_LIMITS, ratePerSec: 0.01, burst: 5 }, async (store) => {
      const first = request({ clientId: 'again' });
      expect((await store.append(first)).status).toBe('stored');
      for (let i = 0; i < 5; i++) expect((await store.append(first)).status).toBe('duplicate');
      const next = [];
      for (let i = 0; i < 5; i++) next.push((await store.append(request())).status);
      expect(next).toEqual(['stored', 'stored', 'stored', 'stored', 'rate_limited']);
    }));

    it('charges one token for the first message of a new room, which waits for its admission', withStore({ ...SUITE_LIMITS, maxRooms: 10, ratePerSec: 0.01, burst: 2 }, async (store) => {
      expect((await store.append(request({ room: 'first-new' }))).status).toBe('stored');
      expect((await store.append(request({ room: 'second-new' }))).status).toBe('stored');
      expect((await store.append(request({ room: 'third-new' }))).status).toBe('rate_limited');
    }));

    it('rate limits a user beyond the burst but still answers duplicates', withStore(SUITE_LIMITS, async (store) => {
      const first = request({ clientId: 'keep' });
      expect((await store.append(first)).status).toBe('stored');
      const results = [];
      for (let i = 0; i < 25; i++) results.push((await store.append(request())).status);
      expect(results.filter((s) => s === 'stored').length).toBeGreaterThanOrEqual(19);
      expect(results).toContain('rate_limited');
      expect((await store.append(first)).status).toBe('duplicate');
      // Other users are unaffected.
      expect((await store.append(request({ user: { id: 'u-carol', name: 'Carol' } }))).status).toBe('stored');
    }));

    it('reads ranges and the latest messages oldest first, bounded by uptoSeq', withStore(SUITE_LIMITS, async (store) => {
      await fill(store, 'r', 10);
      expect((await store.range('r', 3, 7, 100)).map((m) => m.seq)).toEqual([4, 5, 6, 7]);
      expect((await store.range('r', 3, 10, 2)).map((m) => m.seq)).toEqual([4, 5]);
      expect((await store.range('r', 10, 20, 5)).map((m) => m.seq)).toEqual([]);
      expect((await store.latest('r', 8, 3)).map((m) => m.seq)).toEqual([6, 7, 8]);
      expect((await store.latest('r', 10, 50)).map((m) => m.text)).toEqual(Array.from({ length: 10 }, (_, i) => `m${i + 1}`));
      expect(await store.range('empty-room', 0, 10, 10)).toEqual([]);
    }));

    it('keeps at most historyLimit messages per room and reports the oldest kept', withStore({ ...SUITE_LIMITS, historyLimit: 100 }, async (store) => {
      await fill(store, 'big', 130);
      const head = await store.head('big');
      expect(head.lastSeq).toBe(130);
      expect(head.firstSeq).toBe(31);
      expect((await store.range('big', 0, 130, 1000)).length).toBe(100);
      expect((await store.range('big', 0, 130, 1))[0]?.seq).toBe(31);
    }));

    it('keeps a room epoch stable and gives an unseen room one', withStore(SUITE_LIMITS, async (store) => {
      const empty = await store.head('new-room');
      expect(empty).toMatchObject({ lastSeq: 0, firstSeq: 1 });
      expect(empty.epoch).toMatch(/.{8,}/);
      const stored = await store.append(request({ room: 'new-room' }));
      expect(stored.status === 'stored' && stored.epoch).toBe(empty.epoch);
      expect((await store.head('new-room')).epoch).toBe(empty.epoch);
    }));

    it('reads the head of an unseen room without creating it', withStore(SUITE_LIMITS, async (store) => {
      expect(await store.head('never-used', false)).toEqual({ epoch: 'none', lastSeq: 0, firstSeq: 1 });
      expect(await store.rooms()).toEqual([]);
      const created = await store.head('never-used');
      expect(created.epoch).not.toBe('none');
      expect((await store.head('never-used', false)).epoch).toBe(created.epoch);
    }));

    it('signals every advance with room, seq, epoch and the message', withStore(SUITE_LIMITS, async (store) => {
      const seen: RoomAdvance[] = [];
      const unsubscribe = store.onAdvance((advance) => seen.push(advance));
      await store.follow('sig');
      await store.append(request({ room: 'sig' }));
      await store.append(request({ room: 'sig' }));
      const { epoch } = await store.head('sig');
      await expect.poll(() => seen.length).toBe(2);
      expect(seen).toMatchObject([{ room: 'sig', lastSeq: 1, epoch }, { room: 'sig', lastSeq: 2, epoch }]);
      // The signal carries the stored message, so an up-to-date replica needs no read.
      expect(seen.map((a) => a.message?.seq)).toEqual([1, 2]);
      expect(seen[1]?.message).toEqual((await store.range('sig', 1, 2, 10))[0]);
      unsubscribe();
    }));

    it('reports where many rooms stand in one call, without creating any', withStore(SUITE_LIMITS, async (store) => {
      await store.append(request({ room: 'x1' }));
      await store.append(request({ room: 'x1', user: { id: 'u2', name: 'B' } }));
      const { epoch } = await store.head('x1');
      expect(await store.advances(['x1', 'unknown'])).toEqual([{ room: 'x1', lastSeq: 2, epoch }]);
      expect(await store.advances([])).toEqual([]);
      expect(await store.rooms()).toEqual([{ room: 'x1', lastSeq: 2, topic: '' }]);
    }));

    it('lists rooms that hold messages', withStore(SUITE_LIMITS, async (store) => {
      await store.append(request({ room: 'one' }));
      await store.append(request({ room: 'two', user: { id: 'u2', name: 'B' } }));
      await store.append(request({ room: 'two', user: { id: 'u3', name: 'C' } }));
      await store.head('only-looked-at');
      const rooms = (await store.rooms()).sort((x, y) => x.room.localeCompare(y.room));
      expect(rooms).toEqual([{ room: 'one', lastSeq: 1, topic: '' }, { room: 'two', lastSeq: 2, topic: '' }]);
    }));
  });
}
