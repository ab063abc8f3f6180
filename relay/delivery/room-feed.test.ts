import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../shared/index.js';
import { EncodedEntry, type LiveEntry } from '../store/encoded-entry.js';
import { MemoryMessageStore } from '../store/memory-message-store.js';
import type { MessageStore, RoomAdvance } from '../store/message-store.js';
import { historyWindow, LATEST_COUNT, SINCE_PAGE } from './join-answer.js';
import { gatherInBatch } from './room-feed.js';
import { RoomFeeds } from './room-feeds.js';

const limits = { historyLimit: 10_000, ratePerSec: 1000, burst: 1000, dedupeTtlSec: 3600 };
const ANSWER = { latest: LATEST_COUNT, page: SINCE_PAGE, bytes: 512 * 1024 };

function send(store: MessageStore, room: string, i: number) {
  return store.append({ id: randomUUID(), room, user: { id: `u${i % 5}`, name: 'U' }, clientId: randomUUID(), text: `t${i}`, time: new Date().toISOString() });
}

/** A fake local socket: what it got from its join answer, then live. */
class Member {
  seqs: number[] = [];
  joined = false;
}

function setup(store: MessageStore, holdMs = 0) {
  const members = new Set<Member>();
  /** The seqs of each deliver call: one call is one emit burst. */
  const bursts: number[][] = [];
  /** Every entry handed to deliver, as it was handed. */
  const delivered: LiveEntry[] = [];
  const feeds = new RoomFeeds({
    store,
    deliver: (messages: LiveEntry[]) => {
      delivered.push(...messages);
      bursts.push(messages.map((m) => m.seq));
      messages.forEach((message) => members.forEach((m) => m.joined && m.seqs.push(message.seq)));
    },
    hasLocalMembers: () => members.size > 0,
    holdMs,
    onSignal: () => undefined,
    onError: (error) => {
      throw error;
    },
  });
  const join = async (room: string, since?: number) => {
    const member = new Member();
    members.add(member);
    await feeds.feed(room).join(
      (view) => historyWindow(store, room, view, since, ANSWER),
      (answer) => {
        member.seqs.push(...answer.messages.map((m) => m.seq));
        member.joined = true;
      },
    );
    return member;
  };
  return { feeds, join, members, bursts, delivered };
}

/** A memory store whose signals reach the feeds only when the test hands them over with `signal`. */
function heldSignals() {
  let listener: (advance: RoomAdvance) => void = () => undefined;
  const store: MessageStore = Object.assign(Object.create(new MemoryMessageStore(limits)) as MessageStore, {
    onAdvance: (listen: (advance: RoomAdvance) => void) => {
      listener = listen;
      return () => undefined;
    },
  });
  return { store, signal: (advance: RoomAdvance) => listener(advance) };
}

describe('room feed', () => {
  it.each([0, 20])('gives every joiner its answer and then the live feed in seq order without gaps or repeats, under concurrent sends (hold %i ms)', async (holdMs) => {
    const store = new MemoryMessageStore(limits);
    const { join } = setup(store, holdMs);
    const sends: Promise<unknown>[] = [];
    const joins: Promise<Member>[] = [];
    for (let i = 1; i <= 300; i++) {
      sends.push(send(store, 'lobby', i));
      if (i % 40 === 0) joins.push(join('lobby', i % 80 === 0 ? 0 : undefined));
      if (i % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(sends);
    const members = await Promise.all(joins);
    await expect.poll(() => members.every((m) => m.seqs.at(-1) === 300)).toBe(true);
    for (const member of members) {
      const first = member.seqs[0]!;
      expect(member.seqs).toEqual(Array.from({ length: 300 - first + 1 }, (_, k) => first + k));
    }
    // A join with since=0 gets everything from seq 1.
    expect(members.some((m) => m.seqs[0] === 1)).toBe(true);
  });

  it('emits each message of a room with a message now and then at once, and holds a busy room’s for one burst, in order', async () => {
    const store = new MemoryMessageStore(limits);
    // A hold long enough that sends 5–7 fall inside it even on a loaded machine.
    const { join, bursts, feeds } = setup(store, 1000);
    const member = await join('busy');
    // Up to one message per hold on average is not busy: nothing waits.
    for (let i = 1; i <= 4; i++) await send(store, 'busy', i);
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    await turn();
    expect(bursts).toEqual([[1], [2], [3], [4]]);
    for (let i = 5; i <= 7; i++) await send(store, 'busy', i);
    await turn();
    expect(bursts).toEqual([[1], [2], [3], [4]]);
    await expect.poll(() => bursts, { timeout: 5000 }).toEqual([[1], [2], [3], [4], [5, 6, 7]]);
    expect(member.seqs).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // A dropped feed lets go of what it held.
    await send(store, 'busy', 8);
    feeds.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(member.seqs).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('writes the messages signalled in one turn together, without waiting for a hold', async () => {
    const store = new MemoryMessageStore(limits);
    const { join, bursts, feeds } = setup(store, 0);
    const member = await join('pair');
    const { epoch } = await store.head('pair');
    const messages = await Promise.all([1, 2, 3].map((i) => send(store, 'other', i)));
    // Three signals in one read from Redis: the subscriber hands them over synchronously.
    messages.forEach((outcome, i) => {
      if (outcome.status !== 'stored') throw new Error(outcome.status);
      feeds.feed('pair').signal({ room: 'pair', epoch, lastSeq: i + 1, message: { ...outcome.message, room: 'pair', seq: i + 1 } });
    });
    expect(bursts).toEqual([]);
    await Promise.resolve();
    expect(bursts).toEqual([[1, 2, 3]]);
    expect(member.seqs).toEqual([1, 2, 3]);
  });

  it('keeps delivering from signals while a catch-up read is slow, and the read repeats none of them', async () => {
    const inner = new MemoryMessageStore(limits);
    let releaseRead: () => void = () => {};
    const readGate = new Promise<void>((resolve) => (releaseRead = resolve));
    // A store whose stream reads take as long as the test says (Redis under load).
    const store: MessageStore = Object.assign(Object.create(inner) as MessageStore, {
      onAdvance: () => () => {},
      range: async (...args: Parameters<MessageStore['range']>) => {
        await readGate;
        return inner.range(...args);
      },
    });
    const { feeds, join } = setup(store);
    const member = await join('slow');
    const { epoch } = await store.head('slow');
    const stored: Message[] = [];
    for (let i = 1; i <= 4; i++) {
      const outcome = await send(inner, 'slow', i);
      if (outcome.status !== 'stored') throw new Error(outcome.status);
      stored.push(outcome.message);
    }
    const feed = feeds.feed('slow');
    // The sweep finds the room at seq 2 before its signals arrived: a read starts, and hangs.
    feed.signal({ room: 'slow', epoch, lastSeq: 2 });
    for (const message of stored.slice(0, 3)) feed.signal({ room: 'slow', epoch, lastSeq: message.seq, message });
    await expect.poll(() => member.seqs).toEqual([1, 2, 3]);
    releaseRead();
    await expect.poll(() => member.seqs).toEqual([1, 2, 3, 4]);
  });

  it('catches up on sweep when a signal was lost', async () => {
    const inner = new MemoryMessageStore(limits);
    // A store whose signals never arrive (as when Redis pub/sub dropped them).
    const store: MessageStore = Object.assign(Object.create(inner) as MessageStore, { onAdvance: () => () => {} });
    const { feeds, join } = setup(store);
    const member = await join('quiet');
    await send(store, 'quiet', 1);
    await send(store, 'quiet', 2);
    expect(member.seqs).toEqual([]);
    await feeds.sweepAll();
    await expect.poll(() => member.seqs).toEqual([1, 2]);
  });

  it('reads on the periodic sweep only for a room still short of where the previous sweep found it', async () => {
    const inner = new MemoryMessageStore(limits);
    let reads = 0;
    // Signals on their way, not yet arrived (a busy replica), and no others.
    const store: MessageStore = Object.assign(Object.create(inner) as MessageStore, {
      onAdvance: () => () => {},
      range: (...args: Parameters<MessageStore['range']>) => {
        reads++;
        return inner.range(...args);
      },
    });
    const { feeds, join } = setup(store);
    const member = await join('late');
    await send(inner, 'late', 1);
    await feeds.sweepLost();
    expect(reads).toBe(0);
    // Its signal arrives before the next sweep: nothing to read then either.
    const { epoch } = await inner.head('late');
    feeds.feed('late').signal({ room: 'late', epoch, lastSeq: 1, message: (await inner.range('late', 0, 1, 1))[0]! });
    await send(inner, 'late', 2);
    await feeds.sweepLost();
    expect(reads).toBe(0);
    expect(member.seqs).toEqual([1]);
    // Seq 2's signal never comes: the next sweep reads it.
    await feeds.sweepLost();
    await expect.poll(() => member.seqs).toEqual([1, 2]);
    expect(reads).toBe(1);
  });

  it('answers truncated when older messages exist or those after since are gone', async () => {
    const store = new MemoryMessageStore({ ...limits, historyLimit: 100 });
    for (let i = 1; i <= 120; i++) await send(store, 'r', i);
    const head = await store.head('r');
    const latest = await historyWindow(store, 'r', head, undefined, ANSWER);
    expect(latest.messages.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, k) => 71 + k));
    expect(latest.truncated).toBe(true);
    expect((await historyWindow(store, 'r', head, 10, ANSWER)).truncated).toBe(true);
    const resumed = await historyWindow(store, 'r', head, 100, ANSWER);
    expect(resumed).toMatchObject({ truncated: false });
    expect(resumed.messages.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, k) => 101 + k));
    expect(await historyWindow(store, 'r', head, 120, ANSWER)).toEqual({ messages: [], truncated: false });
    const small = new MemoryMessageStore(limits);
    for (let i = 1; i <= 3; i++) await send(small, 's', i);
    expect(await historyWindow(small, 's', await small.head('s'), undefined, ANSWER)).toMatchObject({ truncated: false });
  });

  it('bounds an answer in bytes: the newest that fit without since, the oldest after since, at least one', async () => {
    const store = new MemoryMessageStore(limits);
    const long = 'x'.repeat(4000);
    for (let i = 1; i <= 30; i++) await store.append({ id: randomUUID(), room: 'r', user: { id: 'u', name: 'U' }, clientId: randomUUID(), text: long, time: new Date().toISOString() });
    const head = await store.head('r');
    const bounded = { ...ANSWER, bytes: 22_000 }; // five messages of about 4,200 bytes each
    const latest = await historyWindow(store, 'r', head, undefined, bounded);
    expect(latest.messages.map((m) => m.seq)).toEqual([26, 27, 28, 29, 30]);
    expect(latest.truncated).toBe(true);
    const resumed = await historyWindow(store, 'r', head, 0, bounded);
    expect(resumed.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(resumed.truncated).toBe(false);
    expect((await historyWindow(store, 'r', head, 0, { ...ANSWER, bytes: 10 })).messages.map((m) => m.seq)).toEqual([1]);
    // 0 turns the byte bound off: the count limit alone applies.
    expect((await historyWindow(store, 'r', head, 0, { ...ANSWER, bytes: 0 })).messages).toHaveLength(30);
  });
  it('runs joins that queue up together: one head read for the batch, every answer against the same view', async () => {
    const store = new MemoryMessageStore(limits);
    for (let i = 1; i <= 3; i++) await send(store, 'fill', i);
    let heads = 0;
    const counted: MessageStore = Object.assign(Object.create(store) as MessageStore, {
      head: (room: string) => {
        heads++;
        return store.head(room);
      },
    });
    const { join } = setup(counted);
    const first = join('fill');
    const rest = Array.from({ length: 20 }, () => join('fill'));
    const members = await Promise.all([first, ...rest]);
    // All 21 queue before the section starts (it runs in a later microtask): one batch, one head
    // read — joined one after another, that would be 21 reads and 21 round trips in a row.
    expect(heads).toBe(1);
    members.forEach((member) => expect(member.seqs).toEqual([1, 2, 3]));
    await send(store, 'fill', 4);
    await new Promise((resolve) => setTimeout(resolve, 20));
    members.forEach((member) => expect(member.seqs).toEqual([1, 2, 3, 4]));
  });

  it('fails only the joins whose own read failed, and attaches the others of the batch', async () => {
    const store = new MemoryMessageStore(limits);
    const { feeds } = setup(store);
    const attached: number[] = [];
    const joins = [1, 2, 3].map((i) =>
      feeds.feed('mixed').join(
        async () => {
          if (i === 2) throw new Error('read failed');
          return i;
        },
        (n) => attached.push(n),
      ),
    );
    const settled = await Promise.allSettled(joins);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(attached).toEqual([1, 3]);
  });

  it('delivers an entry this replica stored before its signal comes back, once, and never past a gap', async () => {
    // The signals are "still on their way from Redis": this test hands them over itself.
    const { store: slow, signal } = heldSignals();
    const { join, feeds } = setup(slow);
    const member = await join('r');
    const stored = async (i: number) => {
      const outcome = await send(slow, 'r', i);
      if (outcome.status !== 'stored') throw new Error(outcome.status);
      return { room: 'r', lastSeq: outcome.message.seq, epoch: outcome.epoch, message: outcome.message };
    };
    const tick = () => new Promise((resolve) => setImmediate(resolve));

    const first = await stored(1);
    feeds.stored('r', first.epoch, first.message);
    await tick();
    expect(member.seqs).toEqual([1]);
    signal(first); // its own signal, late: a duplicate
    await tick();
    expect(member.seqs).toEqual([1]);

    // Another replica's entry (2) is still on its way when this one's (3) is answered.
    const [second, third] = [await stored(2), await stored(3)];
    feeds.stored('r', third.epoch, third.message);
    await tick();
    expect(member.seqs).toEqual([1]);
    signal(second);
    signal(third);
    await tick();
    expect(member.seqs).toEqual([1, 2, 3]);
  });

  it('delivers the entry as the store gave it, unparsed, from its own answer and from signals', async () => {
    const { store: quiet, signal } = heldSignals();
    const { join, feeds, delivered } = setup(quiet);
    const member = await join('r');
    const [first, second] = [await send(quiet, 'r', 1), await send(quiet, 'r', 2)];
    if (first.status !== 'stored' || second.status !== 'stored') throw new Error('not stored');
    const tick = () => new Promise((resolve) => setImmediate(resolve));

    const firstEncoded = new EncodedEntry('r', 1, JSON.stringify(first.message));
    feeds.stored('r', first.epoch, first.message, firstEncoded);
    await tick();
    const encoded = new EncodedEntry('r', 2, JSON.stringify(second.message));
    // What a Redis signal carries: the parsed entry is there too, but must not be what is used.
    signal({ room: 'r', lastSeq: 2, epoch: second.epoch, encoded, get message(): Message { throw new Error('parsed a signal') } });
    await tick();
    expect(member.seqs).toEqual([1, 2]);
    expect(delivered[0]).toBe(firstEncoded);
    expect(delivered[1]).toBe(encoded);
  });

  it('gathers what each join of a batch asks for into one read, and gives each its own result', async () => {
    const store = new MemoryMessageStore(limits);
    const { feeds } = setup(store);
    const reads: string[][] = [];
    const readAll = async (users: string[]) => {
      reads.push(users);
      return users.map((user) => `state of ${user}`);
    };
    const joins = ['u1', 'u2', 'u3'].map((user) =>
      feeds.feed('gather').join(
        async (view) => {
          const mine = await gatherInBatch(view, 'reader', user, readAll);
          // Asked after an await: too late for the batch's collection, so a read of its own.
          const later = await gatherInBatch(view, 'reader', `${user}-later`, readAll);
          return [mine, later];
        },
        () => undefined,
      ),
    );
    expect(await Promise.all(joins)).toEqual([1, 2, 3].map((i) => [`state of u${i}`, `state of u${i}-later`]));
    expect(reads[0]).toEqual(['u1', 'u2', 'u3']);
    expect(reads.flat()).toHaveLength(6);
  });
});
