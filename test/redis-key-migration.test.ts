// scripts/migrate-room-keys.mjs: history stored under the layout before Redis Cluster support
// is readable by the relay after the migration, retries still dedupe, and a second run is a no-op;
// presence of any past layout is dropped (the relays re-assert it), nothing else.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { SUITE_LIMITS, request } from '../relay/store/message-store.suite.js';
import { RedisMessageStore } from '../relay/store/redis-message-store.js';
import { dropPresence, isPresenceKey, migrateRoomKeys, taggedRoomKey } from '../scripts/migrate-room-keys.mjs';
import { useRedisServer } from './support/redis-server.js';

const stage = useRedisServer();

describe('migrate-room-keys', () => {
  it('maps old room keys to the tagged ones and leaves everything else alone', () => {
    expect(taggedRoomKey('relay:room:lobby:meta')).toBe('relay:room:{lobby}:meta');
    expect(taggedRoomKey('relay:room:a-b_1:dedupe:u1:c1')).toBe('relay:room:{a-b_1}:dedupe:u1:c1');
    expect(taggedRoomKey('relay:room:{lobby}:meta')).toBeUndefined();
    expect(taggedRoomKey('relay:rooms')).toBeUndefined();
    expect(taggedRoomKey('relay:room-index')).toBeUndefined();
  });

  it('makes history stored under the old layout readable, with its dedupe records, and runs only once', async () => {
    const prefix = `m-${randomUUID().slice(0, 8)}:`;
    const subscriber = new Redis(stage.server.url);
    const store = new RedisMessageStore(stage.redis, subscriber, SUITE_LIMITS, prefix);
    await store.start();
    const first = request({ room: 'old', clientId: 'kept' });
    const sent = await store.append(first);
    await store.append(request({ room: 'old' }));
    await store.markRead('old', first.user.id, 2);
    if (sent.status !== 'stored') throw new Error(sent.status);
    const { epoch } = await store.head('old');
    // Put the room back as the previous version stored it.
    for (const key of await stage.redis.keys(`${prefix}room:{old}:*`)) await stage.redis.rename(key, key.replace('{old}', 'old'));
    expect(await store.head('old', false)).toMatchObject({ lastSeq: 0 });

    expect(await migrateRoomKeys(stage.redis, prefix)).toEqual({ renamed: 6, skipped: 0 });
    expect(await store.head('old', false)).toEqual({ epoch, lastSeq: 2, firstSeq: 1 });
    expect((await store.range('old', 0, 2, 10))[0]).toEqual(sent.message);
    expect(await store.append(first)).toMatchObject({ status: 'duplicate', message: { id: sent.message.id } });
    expect((await store.readerState('old', first.user.id, 2)).readSeq).toBe(2);
    expect(await migrateRoomKeys(stage.redis, prefix)).toEqual({ renamed: 0, skipped: 0 });
    await store.close();
    subscriber.disconnect();
  });

  it('drops presence of every past layout and nothing else, so no count survives without its holdings', async () => {
    const prefix = `p-${randomUUID().slice(0, 8)}:`;
    const presence = ['held:r1', 'prooms', 'replicas', 'urooms:u1', 'urooms:{u1}', 'room:lobby:presence', 'room:{lobby}:presence', 'room:{lobby}:presence:order', 'room:{lobby}:presence:held:r1@x'];
    const kept = ['room:{lobby}:meta', 'room:presence:meta', 'room:{presence}:log', 'rooms', 'room-index', 'name:u1', 'bucket:u1'];
    for (const key of [...presence, ...kept]) await stage.redis.set(prefix + key, '1');
    expect(presence.every((key) => isPresenceKey(prefix + key, prefix))).toBe(true);
    expect(kept.filter((key) => isPresenceKey(prefix + key, prefix))).toEqual([]);
    expect(await dropPresence(stage.redis, prefix)).toBe(presence.length);
    expect((await stage.redis.keys(`${prefix}*`)).map((key) => key.slice(prefix.length)).sort()).toEqual([...kept].sort());
  });
});
