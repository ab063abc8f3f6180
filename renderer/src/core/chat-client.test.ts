import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionStatus } from './connection-status.js';
import { createMemoryStorage } from './key-value-storage.js';
import { emptyPresence, typingUsers } from './room-presence.js';
import { createTestClient, settle } from './testing/create-test-client.js';

const ada = { id: 'u-ada', name: 'Ada' };
const texts = (client: ReturnType<typeof createTestClient>['client'], room = 'lobby') => client.room(room)?.log.messages.map((m) => m.text);

afterEach(() => {
  vi.useRealTimers();
});

describe('ChatClient outbox', () => {
  it('keeps a message typed offline as sending and delivers it once after connecting', async () => {
    const { client, relay, socket } = createTestClient();
    client.start();
    const sent = client.send('lobby', '  hello offline  ');
    expect(sent.ok).toBe(true);
    expect(client.pending('lobby')).toMatchObject([{ text: 'hello offline', state: 'sending' }]);
    expect(relay.sentMessages()).toHaveLength(0);

    socket.accept();
    await settle();
    expect(relay.room('lobby').messages.map((m) => m.text)).toEqual(['hello offline']);
    expect(client.pending('lobby')).toEqual([]);
    expect(texts(client)).toEqual(['hello offline']);
  });

  it('retries with the same clientId when an ack is lost, and the relay keeps one message', async () => {
    vi.useFakeTimers();
    const { client, relay, socket } = createTestClient();
    client.start();
    socket.accept();
    await settle();
    relay.loseAcks = 1;
    client.send('lobby', 'once');
    await settle();
    expect(client.pending('lobby')).toMatchObject([{ state: 'sending', error: { code: 'timeout' } }]);

    await vi.advanceTimersByTimeAsync(2000);
    await settle();
    const attempts = relay.sentMessages();
    expect(attempts).toHaveLength(2);
    expect(attempts[0]?.clientId).toBe(attempts[1]?.clientId);
    expect(relay.room('lobby').messages).toHaveLength(1);
    expect(client.pending('lobby')).toEqual([]);
    expect(texts(client)).toEqual(['once']);
  });

  it('sends what was pending before a reload with the same clientId', async () => {
    const storage = createMemoryStorage();
    const first = createTestClient(storage);
    first.client.start();
    first.client.send('lobby', 'typed before reload');
    const clientId = first.client.pending('lobby')[0]?.clientId;
    await Promise.resolve(); // a reload happens between tasks

    const second = createTestClient(storage, first.relay);
    expect(second.client.pending('lobby')).toMatchObject([{ clientId, text: 'typed before reload' }]);
    second.client.start();
    second.socket.accept();
    await settle();
    expect(first.relay.room('lobby').messages.map((m) => m.clientId)).toEqual([clientId]);
    expect(second.client.pending('lobby')).toEqual([]);
  });

  it('sends queued messages in the order they were typed', async () => {
    const { client, relay, socket } = createTestClient();
    client.start();
    for (const text of ['one', 'two', 'three']) client.send('lobby', text);
    socket.accept();
    await settle(60);
    expect(relay.room('lobby').messages.map((m) => m.text)).toEqual(['one', 'two', 'three']);
  });

  it('shows a refused message as failed and sends it again on retry', async () => {
    const { client, relay, socket } = createTestClient();
    client.start();
    socket.accept();
    await settle();
    relay.refuseMessages.push({ code: 'invalid_payload', message: 'bad' });
    client.send('lobby', 'refused first');
    await settle();
    const [entry] = client.pending('lobby');
    expect(entry).toMatchObject({ state: 'failed', error: { code: 'invalid_payload' } });

    client.retry(entry?.clientId ?? '');
    await settle();
    expect(client.pending('lobby')).toEqual([]);
    expect(relay.room('lobby').messages.map((m) => m.clientId)).toEqual([entry?.clientId]);
  });

  it('counts the live echo of our own message as delivery (the ack may come later)', async () => {
    const { client, relay, socket } = createTestClient();
    client.start();
    client.send('lobby', 'echo');
    const clientId = client.pending('lobby')[0]?.clientId ?? '';
    socket.accept();
    socket.push('message', relay.append('lobby', 'echo', { ...relay.me }, clientId));
    expect(client.pending('lobby')).toEqual([]);
    await settle();
    expect(texts(client)).toEqual(['echo']);
  });

  it('refuses empty text before it reaches the outbox', () => {
    const { client } = createTestClient();
    expect(client.send('lobby', '   ')).toMatchObject({ ok: false, error: { code: 'empty_message' } });
    expect(client.pending('lobby')).toEqual([]);
  });
});

describe('ChatClient resume and gap fill', () => {
  it('resumes each room with since = highest contiguous seq after a reconnect', async () => {
    const { client, relay, socket } = createTestClient();
    relay.append('lobby', 'a');
    relay.append('lobby', 'b');
    client.start();
    socket.accept();
    await settle();
    socket.drop();
    relay.append('lobby', 'c while away');
    socket.accept(true);
    await settle();
    const joins = relay.requests.filter((r) => r.event === 'room:join').map((r) => r.payload);
    expect(joins).toEqual([{ room: 'lobby' }, { room: 'lobby', since: 2 }]);
    expect(texts(client)).toEqual(['a', 'b', 'c while away']);
  });

  it('fills a gap in live messages, page by page, without duplicates', async () => {
    const { client, relay, socket } = createTestClient();
    relay.pageLimit = 2;
    client.start();
    socket.accept();
    await settle();
    for (let i = 1; i <= 5; i++) relay.append('lobby', `m${i}`);
    const sixth = relay.append('lobby', 'm6');
    socket.push('message', sixth); // 1–5 never arrived live
    socket.push('message', sixth);
    await settle(60);
    expect(texts(client)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    expect(client.room('lobby')?.log.held).toBe(6);
  });

  it('drops a room cache and reloads it when the relay reports a new epoch', async () => {
    const { client, relay, socket } = createTestClient();
    relay.append('lobby', 'old history');
    client.start();
    socket.accept();
    await settle();
    socket.drop();
    relay.wipe('lobby', 'e2');
    relay.append('lobby', 'after the wipe');
    socket.accept(true);
    await settle();
    expect(texts(client)).toEqual(['after the wipe']);
  });

  it('treats an unknown message at an already held seq as a changed history and resumes', async () => {
    const { client, relay, socket } = createTestClient();
    relay.append('lobby', 'one');
    client.start();
    socket.accept();
    await settle();
    relay.wipe('lobby', 'e2');
    socket.push('message', relay.append('lobby', 'new one'));
    await settle();
    expect(texts(client)).toEqual(['new one']);
  });

  it('loads older history page by page before the oldest message held, until there is none', async () => {
    const { client, relay, socket } = createTestClient();
    for (let i = 1; i <= 300; i++) relay.append('lobby', `m${i}`);
    client.start();
    socket.accept();
    await settle();
    expect(client.room('lobby')?.log.messages).toHaveLength(50);
    expect(client.room('lobby')?.log.hasOlder).toBe(true);
    await expect(client.loadOlder('lobby')).resolves.toEqual({ ok: true, value: 200 });
    await expect(client.loadOlder('lobby')).resolves.toEqual({ ok: true, value: 50 });
    expect(client.room('lobby')?.log.hasOlder).toBe(false);
    await expect(client.loadOlder('lobby')).resolves.toEqual({ ok: true, value: 0 });
    expect(texts(client)).toEqual(Array.from({ length: 300 }, (_, i) => `m${i + 1}`));
    expect(client.room('lobby')?.log.resumePoint()).toBe(300);
  });

  it('rejoins every joined room on reconnect and keeps the rooms across a reload', async () => {
    const storage = createMemoryStorage();
    const { client, relay, socket } = createTestClient(storage);
    client.start();
    socket.accept();
    await settle();
    await expect(client.joinRoom('Random')).resolves.toEqual({ ok: true, value: 'random' });
    const reloaded = createTestClient(storage, relay);
    expect(reloaded.client.rooms).toEqual(['lobby', 'random']);
    reloaded.client.start();
    reloaded.socket.accept();
    await settle();
    const joined = relay.requests.filter((r) => r.event === 'room:join').map((r) => r.payload.room);
    expect(joined.filter((r) => r === 'random')).toHaveLength(2);
  });

  it('refuses an invalid room name without asking the relay', async () => {
    const { client, relay } = createTestClient();
    await expect(client.joinRoom('no spaces!')).resolves.toMatchObject({ ok: false, error: { code: 'invalid_room' } });
    expect(relay.requests).toEqual([]);
  });
});

describe('ChatClient identity, presence and status', () => {
  it('presents the stored token at the next connect, so a reload is the same person', async () => {
    const storage = createMemoryStorage();
    const first = createTestClient(storage);
    first.client.identity.setWantedName('Vreni Keller');
    first.client.start();
    first.socket.accept(false, 'secret-token');
    expect(first.relay.auths[0]).toEqual({ name: 'Vreni Keller' });

    const second = createTestClient(storage, first.relay);
    expect(second.client.me).toEqual(first.relay.me);
    second.client.start();
    second.socket.accept(true, 'secret-token');
    expect(first.relay.auths[1]).toEqual({ token: 'secret-token', name: 'Vreni Keller' });
  });

  it('renames and remembers the new name', async () => {
    const storage = createMemoryStorage();
    const { client, socket } = createTestClient(storage);
    client.start();
    socket.accept();
    await expect(client.rename('  Grace  ')).resolves.toMatchObject({ ok: true, value: { name: 'Grace' } });
    expect(client.me?.name).toBe('Grace');
    expect(createTestClient(storage).client.me?.name).toBe('Grace');
  });

  it('turns presence events into users and notices, telling leaving from losing the connection', async () => {
    const { client, socket } = createTestClient();
    client.start();
    socket.accept();
    await settle();
    const grace = { id: 'u-grace', name: 'Grace' };
    socket.push('user:joined', { room: 'lobby', user: ada });
    socket.push('user:joined', { room: 'lobby', user: grace });
    socket.push('user:renamed', { user: { ...ada, name: 'Ada L.' }, previousName: 'Ada' });
    socket.push('user:left', { room: 'lobby', user: grace, reason: 'closed' });
    socket.push('user:left', { room: 'lobby', user: { ...ada, name: 'Ada L.' }, reason: 'disconnected' });
    const presence = client.room('lobby')?.presence;
    expect(presence?.notices.map((n) => [n.kind, n.user.name, n.previousName])).toEqual([
      ['joined', 'Ada', undefined],
      ['joined', 'Grace', undefined],
      ['renamed', 'Ada L.', 'Ada'],
      ['left', 'Grace', undefined],
      ['lost', 'Ada L.', undefined],
    ]);
    expect([...(presence?.users.values() ?? [])].map((u) => u.name)).toEqual(['Vreni Keller']);
  });

  it('counts unread messages of other rooms and clears them when the room is opened', async () => {
    const { client, relay, socket } = createTestClient();
    client.start();
    socket.accept();
    await client.joinRoom('random');
    await settle();
    client.setActiveRoom('lobby');
    socket.push('message', relay.append('random', 'psst', ada));
    socket.push('message', relay.append('lobby', 'seen', ada));
    expect(client.room('random')?.unread).toBe(1);
    expect(client.room('lobby')?.unread).toBe(0);
    expect(client.totalUnread).toBe(1);
    client.setActiveRoom('random');
    expect(client.totalUnread).toBe(0);
    client.setVisible(false);
    socket.push('message', relay.append('random', 'while hidden', ada));
    expect(client.totalUnread).toBe(1);
  });

  it('shows typing hints from others only for a few seconds', async () => {
    vi.useFakeTimers();
    const { client, socket } = createTestClient();
    client.start();
    socket.accept();
    await settle();
    socket.push('typing', { room: 'lobby', user: ada });
    const typing = () => typingUsers(client.room('lobby')?.presence ?? emptyPresence('lobby'), Date.now());
    expect(typing()).toEqual([ada]);
    vi.advanceTimersByTime(5000);
    expect(typing()).toEqual([]);
  });

  it('reports connecting, online, draining, reconnecting and offline', async () => {
    const { client, socket } = createTestClient();
    const seen: ConnectionStatus[] = [];
    client.events.on('status', (s) => seen.push(s));
    client.start();
    expect(client.status).toBe('connecting');
    socket.accept();
    socket.push('relay:draining', { reconnectInMs: 1000 });
    socket.drop();
    socket.accept(true);
    socket.push('relay:draining', { reconnectInMs: 1000 });
    socket.drop();
    socket.refuse(); // the drained replica is gone: an ordinary reconnect from here
    socket.accept(true);
    socket.drop();
    client.setNetworkOnline(false);
    client.setNetworkOnline(true);
    expect(seen).toEqual(['online', 'draining', 'online', 'draining', 'reconnecting', 'online', 'reconnecting', 'offline', 'reconnecting']);
    expect(socket.connectCalls).toBe(2);
  });

  it('goes straight to offline when the network goes away, and drops the socket', async () => {
    const { client, socket } = createTestClient();
    const seen: ConnectionStatus[] = [];
    client.events.on('status', (s) => seen.push(s));
    client.start();
    socket.accept();
    client.setNetworkOnline(false);
    expect(socket.connected).toBe(false);
    expect(seen).toEqual(['online', 'offline']);
  });

  it('ends the session on purpose when the page goes away, and comes back when it is shown again', async () => {
    vi.useFakeTimers();
    const { client, relay, socket } = createTestClient();
    client.start();
    socket.accept();
    client.closeSession();
    expect(relay.requests.at(-1)?.event).toBe('session:close');
    socket.drop('io server disconnect');
    await vi.advanceTimersByTimeAsync(5000);
    expect(socket.connectCalls).toBe(1); // no automatic reconnect after an intended close
    client.resume();
    expect(socket.connectCalls).toBe(2);
  });

  it('reconnects by itself after an unexpected server-side disconnect', async () => {
    vi.useFakeTimers();
    const { client, socket } = createTestClient();
    client.start();
    socket.accept();
    socket.drop('io server disconnect');
    await vi.advanceTimersByTimeAsync(2100);
    expect(socket.connectCalls).toBe(2);
  });
});
