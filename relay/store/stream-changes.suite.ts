import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../shared/index.js';
import type { ChangeOutcome, ChangeRequest, MessageStore, MessageStoreLimits, RoomAdvance } from './message-store.js';
import { request, storeTest, SUITE_LIMITS, type MessageStoreHarness } from './message-store.suite.js';

const alice = { id: 'u-alice', name: 'Alice' };
const bob = { id: 'u-bob', name: 'Bob' };
const DAY_AGO = () => new Date(Date.now() - 86_400_000).toISOString();

function change(overrides: Partial<ChangeRequest> & Pick<ChangeRequest, 'kind'>): ChangeRequest {
  return { id: randomUUID(), room: 'lobby', user: alice, clientId: randomUUID(), time: new Date().toISOString(), targetId: '', text: '', editCutoff: DAY_AGO(), emoji: '', on: true, ...overrides };
}

function entry(outcome: ChangeOutcome): Message {
  if (!('message' in outcome)) throw new Error(`expected an entry, got ${outcome.status}`);
  return outcome.message;
}

async function send(store: MessageStore, overrides: Parameters<typeof request>[0] = {}): Promise<Message> {
  return entry(await store.append(request(overrides)));
}

async function history(store: MessageStore, room = 'lobby'): Promise<Message[]> {
  return store.range(room, 0, Number.POSITIVE_INFINITY, 1000);
}

/** Contract v1.1 on the store: change entries and the current state of messages, atomically. */
export function describeStreamChanges(name: string, create: (limits: MessageStoreLimits) => Promise<MessageStoreHarness>): void {
  describe(`${name} message store, v1.1 changes`, () => {
    const withStore = storeTest(create);

    it('stores text entries with kind, rev = seq, a reply to a kept message and mentions', withStore(SUITE_LIMITS, async (store) => {
      const first = await send(store, { text: 'question' });
      expect(first).toMatchObject({ kind: 'text', rev: first.seq });
      const replyTo = { id: first.id, seq: first.seq, user: alice, excerpt: 'question' };
      const answer = await send(store, { user: bob, text: 'answer', replyTo, mentions: ['u-alice'] });
      expect(answer).toMatchObject({ kind: 'text', seq: 2, rev: 2, replyTo, mentions: ['u-alice'] });
      expect(await history(store)).toEqual([first, answer]);
      expect(await store.find('lobby', first.id)).toEqual(first);
      expect(await store.find('lobby', 'nope')).toBeUndefined();
      expect((await store.append(request({ replyTo: { ...replyTo, id: 'unknown', seq: 0 } }))).status).toBe('not_found');
    }));

    it('charges no token for a change refused by its checks or one that already holds', withStore({ ...SUITE_LIMITS, ratePerSec: 0.01, burst: 4 }, async (store) => {
      const own = await send(store, { text: 'mine' });
      const bobs = await send(store, { user: bob });
      expect((await store.change(change({ kind: 'edit', targetId: 'unknown', text: 'x' }))).status).toBe('not_found');
      expect((await store.change(change({ kind: 'edit', targetId: bobs.id, text: 'x' }))).status).toBe('forbidden');
      expect((await store.change(change({ kind: 'edit', targetId: own.id, text: 'x', editCutoff: new Date(Date.now() + 60_000).toISOString() }))).status).toBe('too_late');
      expect((await store.change(change({ kind: 'reaction', targetId: own.id, emoji: '👍', on: false }))).status).toBe('unchanged');
      const after = [];
      for (let i = 0; i < 4; i++) after.push((await store.append(request())).status);
      expect(after).toEqual(['stored', 'stored', 'stored', 'rate_limited']);
    }));

    it('edits for the author within the window; others are forbidden, late edits too_late', withStore(SUITE_LIMITS, async (store) => {
      const original = await send(store, { text: 'tpyo' });
      expect((await store.change(change({ kind: 'edit', user: bob, targetId: original.id, text: 'x' }))).status).toBe('forbidden');
      expect((await store.change(change({ kind: 'edit', targetId: original.id, text: 'x', editCutoff: new Date(Date.now() + 60_000).toISOString() }))).status).toBe('too_late');
      expect((await store.change(change({ kind: 'edit', targetId: 'unknown', text: 'x' }))).status).toBe('not_found');
      const edit = entry(await store.change(change({ kind: 'edit', targetId: original.id, text: 'typo' })));
      expect(edit).toMatchObject({ kind: 'edit', seq: 2, text: 'typo', target: { id: original.id, seq: 1 }, user: alice });
      const [current] = await history(store);
      expect(current).toEqual({ ...original, text: 'typo', rev: 2, editedAt: edit.time });
      expect((await store.head('lobby')).lastSeq).toBe(2);
    }));

    it('deletes for the author only; a deleted message cannot be changed or replied to, a repeat is a duplicate', withStore(SUITE_LIMITS, async (store) => {
      const original = await send(store, { text: 'oops', mentions: ['u-bob'] });
      await store.change(change({ kind: 'reaction', user: bob, targetId: original.id, emoji: '👍' }));
      expect((await store.change(change({ kind: 'delete', user: bob, targetId: original.id }))).status).toBe('forbidden');
      const clientId = 'delete-once';
      const deletion = entry(await store.change(change({ kind: 'delete', clientId, targetId: original.id })));
      expect(deletion).toMatchObject({ kind: 'delete', text: '', target: { id: original.id, seq: 1 } });
      const [current] = await history(store);
      expect(current).toEqual({ id: original.id, seq: 1, kind: 'text', clientId: original.clientId, room: 'lobby', user: alice, time: original.time, text: '', deleted: true, rev: deletion.seq });
      for (const kind of ['edit', 'delete', 'reaction'] as const) expect((await store.change(change({ kind, targetId: original.id, text: 'x', emoji: '👍' }))).status).toBe('not_found');
      expect((await store.append(request({ replyTo: { id: original.id, seq: 1, user: alice, excerpt: '' } }))).status).toBe('not_found');
      expect(await store.change(change({ kind: 'delete', clientId, targetId: original.id }))).toEqual({ status: 'duplicate', message: deletion });
      expect(await store.find('lobby', original.id)).toBeUndefined();
    }));

    it('keeps reactions per emoji in order of first reaction, with the users after each change', withStore(SUITE_LIMITS, async (store) => {
      const target = await send(store, { user: bob });
      const react = (user: typeof alice, emoji: string, on = true) => store.change(change({ kind: 'reaction', user, targetId: target.id, emoji, on }));
      expect(entry(await react(alice, '👍'))).toMatchObject({ kind: 'reaction', text: '', emoji: '👍', users: ['u-alice'], target: { id: target.id, seq: 1 } });
      expect(entry(await react(bob, '🎉'))).toMatchObject({ emoji: '🎉', users: ['u-bob'] });
      expect(entry(await react(bob, '👍'))).toMatchObject({ emoji: '👍', users: ['u-alice', 'u-bob'] });
      expect(entry(await react(alice, '👍', false))).toMatchObject({ emoji: '👍', users: ['u-bob'] });
      const [current] = await history(store);
      expect(current).toMatchObject({ rev: 5, reactions: [{ emoji: '👍', users: ['u-bob'] }, { emoji: '🎉', users: ['u-bob'] }] });
      // Asking for what already holds stores nothing and answers the target as it is.
      const unchanged = await react(bob, '👍');
      expect(unchanged).toEqual({ status: 'unchanged', message: current });
      expect(await react(alice, '🎉', false)).toMatchObject({ status: 'unchanged' });
      expect((await store.head('lobby')).lastSeq).toBe(5);
      expect(entry(await react(bob, '🎉', false))).toMatchObject({ users: [] });
      expect(entry(await react(bob, '👍', false))).toMatchObject({ users: [] });
      expect((await history(store))[0]).toEqual({ ...target, rev: 7 });
    }));

    it('refuses a 21st distinct emoji on a message', withStore({ ...SUITE_LIMITS, burst: 100 }, async (store) => {
      const target = await send(store);
      const emoji = [...'😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙🥲😚🙂🤗'];
      for (const e of emoji.slice(0, 20)) expect((await store.change(change({ kind: 'reaction', targetId: target.id, emoji: e }))).status).toBe('stored');
      expect((await store.change(change({ kind: 'reaction', user: bob, targetId: target.id, emoji: emoji[20]! }))).status).toBe('too_many_reactions');
      expect((await store.change(change({ kind: 'reaction', user: bob, targetId: target.id, emoji: emoji[0]! }))).status).toBe('stored');
    }));

    it('sets the topic as an entry of the stream, listed with the room', withStore(SUITE_LIMITS, async (store) => {
      const topic = entry(await store.change(change({ kind: 'topic', room: 't', text: 'Release planning' })));
      expect(topic).toMatchObject({ kind: 'topic', seq: 1, text: 'Release planning', room: 't' });
      expect(topic.target).toBeUndefined();
      expect(await store.rooms()).toEqual([{ room: 't', lastSeq: 1, topic: 'Release planning' }]);
      expect((await store.readerState('t', 'u-x', 1)).topic).toBe('Release planning');
      await store.change(change({ kind: 'topic', room: 't', text: '' }));
      expect((await store.readerState('t', 'u-x', 2)).topic).toBe('');
    }));

    it('answers a repeated change with its first entry, before any check, also once it was trimmed', withStore({ ...SUITE_LIMITS, historyLimit: 3, burst: 100 }, async (store) => {
      const target = await send(store, { room: 'trim' });
      const first = change({ kind: 'reaction', room: 'trim', user: bob, targetId: target.id, emoji: '👍', clientId: 'react-1' });
      const stored = entry(await store.change(first));
      expect((await store.change({ ...first, id: randomUUID() })).status).toBe('duplicate');
      for (let i = 0; i < 4; i++) await send(store, { room: 'trim', user: { id: `f${i}`, name: 'F' } });
      const retry = await store.change({ ...first, id: randomUUID() });
      expect(retry).toMatchObject({ status: 'duplicate', message: { id: stored.id, seq: stored.seq, kind: 'reaction', target: { id: target.id, seq: 1 } } });
    }));

    it('drops the state of a message trimmed from the history with it', withStore({ ...SUITE_LIMITS, historyLimit: 3, burst: 100 }, async (store) => {
      const target = await send(store, { room: 'trim' });
      await store.change(change({ kind: 'edit', room: 'trim', targetId: target.id, text: 'edited' }));
      await store.change(change({ kind: 'reaction', room: 'trim', targetId: target.id, emoji: '👍' }));
      expect((await history(store, 'trim'))[0]).toMatchObject({ text: 'edited', rev: 3 });
      await send(store, { room: 'trim' });
      expect((await history(store, 'trim')).map((m) => m.seq)).toEqual([2, 3, 4]);
      expect((await store.change(change({ kind: 'reaction', room: 'trim', targetId: target.id, emoji: '🎉' }))).status).toBe('not_found');
      expect(await store.find('trim', target.id)).toBeUndefined();
    }));

    it('keeps read positions per user, forward only and at most the last seq, and counts unread text of others', withStore(SUITE_LIMITS, async (store) => {
      const mine = await send(store, { room: 'rd' });
      const theirs = await send(store, { room: 'rd', user: bob });
      const gone = await send(store, { room: 'rd', user: bob });
      await send(store, { room: 'rd', user: bob });
      await store.change(change({ kind: 'delete', room: 'rd', user: bob, targetId: gone.id }));
      await store.change(change({ kind: 'reaction', room: 'rd', user: bob, targetId: mine.id, emoji: '👍' }));
      expect(await store.readerState('rd', alice.id, 6)).toEqual({ readSeq: 0, unread: 2, topic: '' });
      expect(await store.markRead('rd', alice.id, theirs.seq)).toEqual({ readSeq: 2, moved: true });
      expect(await store.markRead('rd', alice.id, 1)).toEqual({ readSeq: 2, moved: false });
      expect(await store.readerState('rd', alice.id, 6)).toEqual({ readSeq: 2, unread: 1, topic: '' });
      expect(await store.readerState('rd', bob.id, 6)).toEqual({ readSeq: 0, unread: 1, topic: '' });
      // Several users at once (a join batch): the same states, in the users' order.
      expect(await store.readerStates('rd', [bob.id, alice.id, 'u-new'], 6)).toEqual([
        { readSeq: 0, unread: 1, topic: '' },
        { readSeq: 2, unread: 1, topic: '' },
        { readSeq: 0, unread: 3, topic: '' },
      ]);
      // A batch larger than one Redis call takes (redis-reader-states.ts): still one state per
      // user, in order, each user's own.
      const many = Array.from({ length: 41 }, (_, i) => (i % 20 === 7 ? alice.id : i % 20 === 13 ? bob.id : `u-${i}`));
      expect(await store.readerStates('rd', many, 6)).toEqual(
        many.map((id) => (id === alice.id ? { readSeq: 2, unread: 1, topic: '' } : id === bob.id ? { readSeq: 0, unread: 1, topic: '' } : { readSeq: 0, unread: 3, topic: '' })),
      );
      expect(await store.markRead('rd', alice.id, 1000)).toEqual({ readSeq: 6, moved: true });
      expect(await store.readerState('rd', alice.id, 6)).toMatchObject({ readSeq: 6, unread: 0 });
      expect(await store.markRead('never', alice.id, 5)).toEqual({ readSeq: 0, moved: false });
    }));

    it('counts unread up to 999', withStore({ ...SUITE_LIMITS, historyLimit: 1200, burst: 100_000, ratePerSec: 100_000 }, async (store) => {
      for (let i = 0; i < 1010; i += 101) await Promise.all(Array.from({ length: 101 }, () => store.append(request({ room: 'many', user: bob }))));
      expect((await store.readerState('many', alice.id, 1010)).unread).toBe(999);
      expect((await store.readerState('many', alice.id, 20)).unread).toBe(20);
    }));

    it('signals change entries like messages, in seq order', withStore(SUITE_LIMITS, async (store) => {
      const seen: RoomAdvance[] = [];
      const unsubscribe = store.onAdvance((advance) => seen.push(advance));
      await store.follow('sig');
      const target = await send(store, { room: 'sig' });
      const edit = entry(await store.change(change({ kind: 'edit', room: 'sig', targetId: target.id, text: 'new' })));
      await expect.poll(() => seen.length).toBe(2);
      expect(seen[1]?.message).toEqual(edit);
      unsubscribe();
    }));
  });
}
