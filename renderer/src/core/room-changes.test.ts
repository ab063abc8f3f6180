import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStorage } from './key-value-storage.js';
import { createTestClient, settle } from './testing/create-test-client.js';

const ada = { id: 'u-ada', name: 'Ada' };

afterEach(() => {
  vi.useRealTimers();
});

async function online() {
  const test = createTestClient();
  test.client.start();
  test.socket.accept();
  await settle();
  return test;
}

describe('ChatClient changes (contract v1.1)', () => {
  it('keeps an edit made offline and delivers it once after connecting, even across a reload', async () => {
    const storage = createMemoryStorage();
    const first = createTestClient(storage);
    first.client.start();
    first.socket.accept();
    await settle();
    first.client.send('lobby', 'tpyo');
    await settle();
    const id = first.client.room('lobby')!.log.messages[0]!.id;
    first.socket.drop();
    expect(first.client.changes.edit('lobby', id, ' typo ')).toMatchObject({ ok: true, value: { kind: 'edit', target: id, text: 'typo' } });
    expect(first.client.pending('lobby')).toEqual([]);
    await Promise.resolve(); // a reload happens between tasks

    const second = createTestClient(storage, first.relay);
    second.client.start();
    second.socket.accept();
    await settle();
    const edits = second.relay.requests.filter((r) => r.event === 'message:edit');
    expect(edits).toHaveLength(1);
    expect(second.relay.room('lobby').messages.filter((m) => m.kind === 'edit')).toHaveLength(1);
    expect(second.client.room('lobby')?.log.messages).toMatchObject([{ id, text: 'typo', rev: 2 }]);
    expect(second.client.outbox.list()).toEqual([]);
  });

  it('retries a reaction whose ack was lost with the same clientId: the relay applies it once', async () => {
    vi.useFakeTimers();
    const { client, relay, socket } = await online();
    const target = relay.append('lobby', 'vote', ada);
    socket.push('message', target);
    relay.loseAcks = 1;
    client.changes.react('lobby', target.id, '👍');
    await settle();
    await vi.advanceTimersByTimeAsync(2000);
    await settle();
    const tries = relay.requests.filter((r) => r.event === 'message:react');
    expect(tries).toHaveLength(2);
    expect(tries[0]?.payload.clientId).toBe(tries[1]?.payload.clientId);
    expect(client.room('lobby')?.log.messages[0]?.reactions).toEqual([{ emoji: '👍', users: ['u-me'] }]);
    expect(client.changes.react('lobby', target.id, 'no')).toMatchObject({ ok: false, error: { code: 'invalid_emoji' } });
  });

  it('folds live changes of others, deletes and topics into the room', async () => {
    const { client, relay, socket } = await online();
    const target = relay.append('lobby', 'hello', ada);
    socket.push('message', target);
    client.changes.delete('lobby', target.id);
    client.changes.setTopic('lobby', 'Plans');
    await settle();
    expect(client.room('lobby')?.log.messages).toMatchObject([{ id: target.id, deleted: true, text: '' }]);
    expect(client.room('lobby')?.log.topic).toBe('Plans');
    expect(client.room('lobby')?.log.held).toBe(3);
    const refused = relay.requests.filter((r) => r.event === 'message:delete');
    expect(refused).toHaveLength(1);
  });

  it('takes unread counts from the join answer, and recounts when the user read here or elsewhere', async () => {
    const { client, relay, socket } = createTestClient();
    for (let i = 0; i < 3; i++) relay.append('team', `m${i}`, ada);
    client.start();
    socket.accept();
    await settle();
    await client.joinRoom('team');
    await settle();
    expect(client.room('team')?.unread).toBe(3);
    expect(await client.markSeen('team', 1)).toEqual({ ok: true, value: 1 });
    expect(client.room('team')?.unread).toBe(2);
    expect(relay.requests.filter((r) => r.event === 'room:read').map((r) => r.payload)).toEqual([{ room: 'team', seq: 1 }]);
    socket.push('room:read', { room: 'team', readSeq: 3 });
    expect(client.room('team')?.unread).toBe(0);
    expect(client.totalUnread).toBe(0);
    // Nothing to send for a position the relay already has.
    await client.markSeen('team', 2);
    expect(relay.requests.filter((r) => r.event === 'room:read')).toHaveLength(1);
  });
});
