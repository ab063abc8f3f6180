import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FOLD, foldEntries, foldedMessages } from '../renderer/src/core/entry-fold.js';
import type { Message, RoomJoinResult, User } from '../shared/index.js';
import { connectClient, waitForEvent, waitForMessages, type TestClient } from './support/chat-client.js';
import { startRelay, type RelayReplica } from './support/relay-process.js';
import { STAGE_KINDS, startStage, type RelayStage } from './support/relay-stage.js';
import { waitFor } from '../scripts/cluster/wait-for.mjs';

// Contract v1.1 (edits, deletes, replies, reactions, mentions, topics, read positions, closing
// without flicker) across three replicas, with the stock socket.io-client, once on one Redis and
// once on a Redis Cluster. A fourth replica allows no edits at all (EDIT_WINDOW_S=0), for the edit window.
let stage: RelayStage | undefined;
let relays: RelayReplica[];
let noEdits: RelayReplica;
const clients: TestClient[] = [];

describe.each(STAGE_KINDS)('contract v1.1 on %s', (kind) => {
  beforeAll(async () => {
    stage = await startStage(kind);
    const env = stage.env;
    relays = await Promise.all([1, 2, 3].map((n) => startRelay({ env, replica: `v11-${n}` })));
    noEdits = await startRelay({ env: { ...env, EDIT_WINDOW_S: '0' }, replica: 'v11-no-edits' });
  });

  afterAll(async () => {
    clients.splice(0).forEach((c) => c.close());
    await Promise.all([...(relays ?? []), noEdits].filter(Boolean).map((r) => r.kill()));
    await stage?.stop();
    stage = undefined;
  });

  async function client(relay: number | RelayReplica, auth: { token?: string; name?: string } = {}): Promise<TestClient> {
    const c = await connectClient(typeof relay === 'number' ? relays[relay]!.url : relay.url, auth);
    clients.push(c);
    return c;
  }

  const room = () => `v-${randomUUID().slice(0, 8)}`;
  type Answer = { ok: boolean; message: Message; duplicate: boolean; error?: { code: string } };
  const ask = (c: TestClient, event: string, payload: object) => c.request<Answer>(event, { clientId: randomUUID(), ...payload });

  /** Three users in a fresh room, one per replica. */
  async function threeInRoom() {
    const r = room();
    const [a, b, c] = await Promise.all([client(0, { name: 'Ada' }), client(1, { name: 'Bo' }), client(2, { name: 'Cy' })]);
    for (const x of [a, b, c]) await x.request('room:join', { room: r });
    return { r, a, b, c };
  }

  /** What a client holds after folding its join answer and everything live. */
  async function foldedBy(c: TestClient, r: string, answer: RoomJoinResult, count: number): Promise<Message[]> {
    const live = await waitForMessages(c, r, count);
    return foldedMessages(foldEntries(foldEntries(EMPTY_FOLD, answer.messages), live));
  }

  describe('replies and mentions', () => {
    it('stores a reply with the target at send time and the mentions of known users only', async () => {
      const { r, a, b, c } = await threeInRoom();
      const long = `${'x'.repeat(150)} end`;
      const question = (await a.send(r, long)).message!;
      expect(question).toMatchObject({ kind: 'text', rev: question.seq });
      const reply = await ask(b, 'message', { room: r, text: 'yes', replyTo: question.id, mentions: [a.session.user.id, randomUUID(), 'bad id!', a.session.user.id] });
      expect(reply).toMatchObject({ ok: true, message: { kind: 'text', replyTo: { id: question.id, seq: question.seq, user: { id: a.session.user.id, name: 'Ada' } }, mentions: [a.session.user.id] } });
      const excerpt = reply.message.replyTo!.excerpt;
      expect([...excerpt]).toHaveLength(140);
      expect(excerpt).toBe(`${'x'.repeat(139)}…`);
      expect((await waitForMessages(c, r, 2))[1]).toEqual(reply.message);
      expect(await ask(b, 'message', { room: r, text: 'to nothing', replyTo: randomUUID() })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await ask(b, 'message', { room: r, text: 'x', mentions: Array.from({ length: 21 }, () => randomUUID()) })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
      expect(await ask(b, 'message', { room: r, text: 'x', replyTo: 42 })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    });

    it('accepts replyTo and mentions over HTTP too', async () => {
      const { r, a, b } = await threeInRoom();
      const target = (await a.send(r, 'ping')).message!;
      const res = await fetch(`${relays[2]!.url}/api/rooms/${r}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${b.session.token}` },
        body: JSON.stringify({ text: 'pong', clientId: 'http-reply', replyTo: target.id, mentions: [a.session.user.id] }),
      });
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ message: { replyTo: { id: target.id, excerpt: 'ping' }, mentions: [a.session.user.id] } });
      const gone = await fetch(`${relays[2]!.url}/api/rooms/${r}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${b.session.token}` },
        body: JSON.stringify({ text: 'pong', clientId: 'http-reply-2', replyTo: 'nothing-here' }),
      });
      expect(gone.status).toBe(404);
      expect(await gone.json()).toMatchObject({ error: { code: 'not_found' } });
    });
  });

  describe('edits and deletes', () => {
    it('lets the author edit on any replica; everyone gets the entry in order and history shows the current state', async () => {
      const { r, a, b, c } = await threeInRoom();
      const original = (await a.send(r, 'tpyo')).message!;
      const secondTab = await client(2, { token: a.session.token });
      await secondTab.request('room:join', { room: r });
      const edit = await ask(secondTab, 'message:edit', { room: r, id: original.id, text: '  typo  ' });
      expect(edit).toMatchObject({ ok: true, duplicate: false, message: { kind: 'edit', seq: 2, text: 'typo', target: { id: original.id, seq: 1 }, user: { id: a.session.user.id } } });
      expect(await ask(b, 'message:edit', { room: r, id: original.id, text: 'mine now' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await ask(b, 'message:edit', { room: r, id: randomUUID(), text: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      for (const x of [a, b, c]) expect((await waitForMessages(x, r, 2))[1]).toEqual(edit.message);
      const late = await client(1);
      const answer = await late.request<RoomJoinResult>('room:join', { room: r });
      expect(answer.messages).toEqual([{ ...original, text: 'typo', rev: 2, editedAt: edit.message.time }, edit.message]);
    });

    it('refuses edits after EDIT_WINDOW_S with too_late', async () => {
      const r = room();
      const a = await client(noEdits);
      await a.request('room:join', { room: r });
      const sent = (await a.send(r, 'final')).message!;
      expect(await ask(a, 'message:edit', { room: r, id: sent.id, text: 'not final' })).toMatchObject({ ok: false, error: { code: 'too_late' } });
      // Deleting has no window.
      expect(await ask(a, 'message:delete', { room: r, id: sent.id })).toMatchObject({ ok: true });
    });

    it('deletes for the author; a deleted message takes no change or reply, and a repeat wins over that', async () => {
      const { r, a, b } = await threeInRoom();
      const sent = (await a.send(r, 'oops')).message!;
      const editKey = 'edit-before-delete';
      const edit = await ask(a, 'message:edit', { room: r, id: sent.id, text: 'oops!', clientId: editKey });
      expect(await ask(b, 'message:delete', { room: r, id: sent.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const deletion = await ask(a, 'message:delete', { room: r, id: sent.id, clientId: 'del-1' });
      expect(deletion).toMatchObject({ ok: true, message: { kind: 'delete', text: '', target: { id: sent.id, seq: sent.seq } } });
      const [kept] = (await b.request<RoomJoinResult>('room:join', { room: r })).messages;
      expect(kept).toEqual({ id: sent.id, seq: sent.seq, kind: 'text', clientId: sent.clientId, room: r, user: sent.user, time: sent.time, text: '', deleted: true, rev: deletion.message.seq });
      for (const [event, extra] of [['message:edit', { text: 'x' }], ['message:delete', {}], ['message:react', { emoji: '👍', on: true }]] as const) {
        expect(await ask(a, event, { room: r, id: sent.id, ...extra })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      }
      expect(await ask(b, 'message', { room: r, text: 're', replyTo: sent.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await ask(a, 'message:delete', { room: r, id: sent.id, clientId: 'del-1' })).toEqual({ ok: true, duplicate: true, message: deletion.message });
      expect(await ask(a, 'message:edit', { room: r, id: sent.id, text: 'oops!', clientId: editKey })).toEqual({ ok: true, duplicate: true, message: edit.message });
    });
  });

  describe('reactions', () => {
    it('keeps who reacted with what across replicas; asking for what holds stores nothing', async () => {
      const { r, a, b, c } = await threeInRoom();
      const target = (await a.send(r, 'vote')).message!;
      const up = await ask(b, 'message:react', { room: r, id: target.id, emoji: '👍', on: true });
      expect(up).toMatchObject({ ok: true, duplicate: false, message: { kind: 'reaction', text: '', emoji: '👍', users: [b.session.user.id], target: { id: target.id, seq: 1 } } });
      await ask(c, 'message:react', { room: r, id: target.id, emoji: '👍', on: true });
      await ask(a, 'message:react', { room: r, id: target.id, emoji: '🇨🇭', on: true });
      const down = await ask(b, 'message:react', { room: r, id: target.id, emoji: '👍', on: false });
      expect(down.message.users).toEqual([c.session.user.id]);
      const again = await ask(c, 'message:react', { room: r, id: target.id, emoji: '👍', on: true });
      expect(again).toMatchObject({ ok: true, duplicate: true, message: { id: target.id, kind: 'text', rev: 5, reactions: [{ emoji: '👍', users: [c.session.user.id] }, { emoji: '🇨🇭', users: [a.session.user.id] }] } });
      const head = await a.request<RoomJoinResult>('room:join', { room: r });
      expect(head.lastSeq).toBe(5);
      expect(head.messages[0]).toEqual(again.message);
      for (const emoji of ['', 'a', 'ok', '🇨', '👍'.repeat(17), 42]) {
        const code = typeof emoji === 'string' ? 'invalid_emoji' : 'invalid_payload';
        expect(await ask(a, 'message:react', { room: r, id: target.id, emoji, on: true })).toMatchObject({ ok: false, error: { code } });
      }
      expect(await ask(a, 'message:react', { room: r, id: target.id, emoji: '👍', on: 'yes' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
      // Every client that folds its join answer and the live entries holds the relay's state.
      const folded = await foldedBy(b, r, { ...head, messages: [] }, 5);
      expect(folded).toEqual(head.messages.filter((m) => m.kind === 'text'));
    });

    it('allows at most 20 distinct emoji on a message', async () => {
      const { r, a, b } = await threeInRoom();
      const target = (await a.send(r, 'many')).message!;
      const emoji = [...'😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙🥲😚🙂🤗'];
      for (const e of emoji.slice(0, 20)) expect((await ask(b, 'message:react', { room: r, id: target.id, emoji: e, on: true })).ok).toBe(true);
      expect(await ask(a, 'message:react', { room: r, id: target.id, emoji: emoji[20], on: true })).toMatchObject({ ok: false, error: { code: 'too_many_reactions' } });
    });

    it('counts changes against the same per-user rate limit as messages', async () => {
      const { r, a } = await threeInRoom();
      const target = (await a.send(r, 'spam me')).message!;
      const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => ask(a, 'message:react', { room: r, id: target.id, emoji: '👍', on: i % 2 === 0 })));
      expect(answers.some((x) => x.error?.code === 'rate_limited')).toBe(true);
    });
  });

  describe('topics', () => {
    it('sets a topic as an entry, shows it in join answers and the room list, and clears it', async () => {
      const { r, a, b } = await threeInRoom();
      const set = await ask(a, 'room:topic', { room: r, topic: '  Release 2.0 planning ' });
      expect(set).toMatchObject({ ok: true, message: { kind: 'topic', text: 'Release 2.0 planning' } });
      expect((await waitForMessages(b, r, 1))[0]).toEqual(set.message);
      expect(await (await client(2)).request('room:join', { room: r })).toMatchObject({ topic: 'Release 2.0 planning' });
      const list = (await (await fetch(`${relays[1]!.url}/api/rooms?q=${r}`)).json()) as { rooms: Array<{ room: string; topic: string }> };
      expect(list.rooms).toEqual([expect.objectContaining({ room: r, topic: 'Release 2.0 planning' })]);
      expect(await ask(a, 'room:topic', { room: r, topic: 'x'.repeat(201) })).toMatchObject({ ok: false, error: { code: 'message_too_long' } });
      expect(await ask(a, 'room:topic', { room: 'not-joined-here', topic: 'x' })).toMatchObject({ ok: false, error: { code: 'not_in_room' } });
      expect((await ask(b, 'room:topic', { room: r, topic: '' })).ok).toBe(true);
      expect(await b.request('room:join', { room: r })).toMatchObject({ topic: '' });
    });
  });

  describe('read positions', () => {
    it('moves forward only, tells the same user on other replicas (joined or not), and shapes the join answer', async () => {
      const { r, a, b } = await threeInRoom();
      for (let i = 0; i < 4; i++) await a.send(r, `m${i}`);
      const gone = (await a.send(r, 'deleted later')).message!;
      await ask(a, 'message:delete', { room: r, id: gone.id });
      await b.send(r, 'mine');
      const otherTab = await client(2, { token: b.session.token });
      expect(await b.request<RoomJoinResult>('room:join', { room: r })).toMatchObject({ readSeq: 0, unread: 4, topic: '' });
      expect(await b.request('room:read', { room: r, seq: 2 })).toEqual({ ok: true, readSeq: 2 });
      expect(await waitForEvent(otherTab, 'room:read', (e: { room: string }) => e.room === r)).toEqual({ room: r, readSeq: 2 });
      expect(b.received('room:read')).toEqual([]);
      expect(await b.request('room:read', { room: r, seq: 1 })).toEqual({ ok: true, readSeq: 2 });
      expect(await otherTab.request<RoomJoinResult>('room:join', { room: r })).toMatchObject({ readSeq: 2, unread: 2 });
      expect(await otherTab.request('room:read', { room: r, seq: 10_000 })).toEqual({ ok: true, readSeq: 7 });
      expect(await waitForEvent(b, 'room:read')).toEqual({ room: r, readSeq: 7 });
      expect(await b.request<RoomJoinResult>('room:join', { room: r })).toMatchObject({ readSeq: 7, unread: 0 });
      expect(await a.request<RoomJoinResult>('room:join', { room: r })).toMatchObject({ readSeq: 0, unread: 1 });
      expect(await b.request('room:read', { room: 'elsewhere', seq: 1 })).toMatchObject({ ok: false, error: { code: 'not_in_room' } });
      expect(await b.request('room:read', { room: r, seq: -1 })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    });
  });

  describe('closing without flicker', () => {
    it('shows no leave and no join when a closed session comes back within the grace period', async () => {
      const r = room();
      const [leaver, watcher] = await Promise.all([client(0), client(1)]);
      await watcher.request('room:join', { room: r });
      await leaver.request('room:join', { room: r });
      await waitForEvent(watcher, 'user:joined', (e: { room: string; user: User }) => e.room === r && e.user.id === leaver.session.user.id);
      const joinsBefore = watcher.received('user:joined').length;
      expect(await leaver.request('session:close', {})).toEqual({ ok: true });
      await waitFor(() => !leaver.socket.connected, { what: 'the closed session to disconnect' });
      // A page reload: the same user, through another replica.
      const back = await client(2, { token: leaver.session.token });
      await back.request('room:join', { room: r });
      await new Promise((resolve) => setTimeout(resolve, 4500));
      expect(watcher.received('user:left').filter((e) => (e as { room: string }).room === r)).toEqual([]);
      expect(watcher.received('user:joined')).toHaveLength(joinsBefore);
    });
  });
});
