import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, RoomJoinResult } from '../shared/index.js';
import { connectClient, waitForMessages, type TestClient } from './support/chat-client.js';
import { startRedisServer, type RedisServer } from '../scripts/cluster/redis-server.mjs';
import { startRelay, type RelayReplica } from './support/relay-process.js';

// A bot written only from the protocol, in Python with python-socketio (Debian's packages, run by
// /usr/bin/python3), against two replicas on Redis: it edits, reacts and reads (contract v1.1),
// while a socket.io-client user on the other replica watches.
const PYTHON = '/usr/bin/python3';
const BOT = resolve(import.meta.dirname, 'python/edit_react_read_bot.py');

let redis: RedisServer;
let relays: RelayReplica[];
let human: TestClient | undefined;

beforeAll(async () => {
  redis = await startRedisServer();
  relays = await Promise.all([1, 2].map((n) => startRelay({ redisUrl: redis.url, replica: `py-${n}` })));
});

afterAll(async () => {
  human?.close();
  await Promise.all((relays ?? []).map((r) => r.kill()));
  await redis?.stop();
});

describe('a python-socketio bot (contract v1.1)', () => {
  it('edits its message, reacts to a human one and marks the room read; everyone sees the entries in order', async () => {
    const room = `py-${randomUUID().slice(0, 8)}`;
    human = await connectClient(relays[1]!.url, { name: 'Human' });
    await human.request('room:join', { room });
    const asked = (await human.send(room, 'Bot, say hello?')).message!;
    await human.request('room:topic', { room, topic: 'Bots welcome', clientId: randomUUID() });

    const run = spawnSync(PYTHON, [BOT, relays[0]!.url, room], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status, `${run.stderr}\n${run.stdout}`).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      me: string;
      joined: { readSeq: number; unread: number; topic: string };
      hello: Message;
      edit: Message;
      reaction: Message;
      retryDuplicate: boolean;
      retrySameEntry: boolean;
      readSeq: number;
    };
    expect(result.joined).toEqual({ readSeq: 0, unread: 1, topic: 'Bots welcome' });
    expect(result.hello).toMatchObject({ kind: 'text', seq: 3, text: 'hello from python' });
    expect(result.edit).toMatchObject({ kind: 'edit', seq: 4, target: { id: result.hello.id, seq: 3 } });
    expect(result.reaction).toMatchObject({ kind: 'reaction', seq: 5, emoji: '👍', users: [result.me], target: { id: asked.id, seq: 1 } });
    expect(result.retryDuplicate).toBe(true);
    expect(result.retrySameEntry).toBe(true);
    expect(result.readSeq).toBe(5);

    const live = await waitForMessages(human, room, 5);
    expect(live.map((m) => [m.seq, m.kind])).toEqual([[1, 'text'], [2, 'topic'], [3, 'text'], [4, 'edit'], [5, 'reaction']]);
    const state = await human.request<RoomJoinResult>('room:join', { room });
    expect(state.messages.filter((m) => m.kind === 'text')).toMatchObject([
      { id: asked.id, reactions: [{ emoji: '👍', users: [result.me] }], rev: 5 },
      { id: result.hello.id, text: 'hello from python (edited)', rev: 4, editedAt: result.edit.time },
    ]);
  });
});
