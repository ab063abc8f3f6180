import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/protocol-types.js';
import { HISTORY_ROOMS } from '../core/history-cache.js';
import { openIndexedDbHistoryCache } from './indexeddb-history-cache.js';

// happy-dom has no IndexedDB: fake-indexeddb implements the spec in memory, a fresh one per test.
const message = (seq: number): Message => ({
  id: `m${seq}`,
  seq,
  kind: 'text',
  rev: seq,
  clientId: `c${seq}`,
  room: 'lobby',
  user: { id: 'u1', name: 'Ada' },
  text: `hello ${seq}`,
  time: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
});

describe('IndexedDB history cache', () => {
  it('gives back after a reopen (a reload) what was saved, and nothing once dropped', async () => {
    const factory = new IDBFactory();
    const first = await openIndexedDbHistoryCache('http://relay', factory);
    await first.save({ room: 'lobby', epoch: 'e1', messages: [message(1), message(2)], hasOlder: true });
    const second = await openIndexedDbHistoryCache('http://relay', factory);
    expect(await second.load('lobby')).toEqual({ room: 'lobby', epoch: 'e1', messages: [message(1), message(2)], hasOlder: true });
    await second.drop('lobby');
    expect(await second.load('lobby')).toBeUndefined();
  });

  it('keeps each relay apart', async () => {
    const factory = new IDBFactory();
    const a = await openIndexedDbHistoryCache('https://a.example', factory);
    await a.save({ room: 'lobby', epoch: 'e1', messages: [message(1)], hasOlder: false });
    const b = await openIndexedDbHistoryCache('https://b.example', factory);
    expect(await b.load('lobby')).toBeUndefined();
  });

  it('keeps at most HISTORY_ROOMS rooms, dropping the least recently saved', async () => {
    const cache = await openIndexedDbHistoryCache('http://relay', new IDBFactory());
    for (let i = 0; i < HISTORY_ROOMS + 3; i++) await cache.save({ room: `r${i}`, epoch: 'e', messages: [], hasOlder: false });
    await cache.save({ room: 'r0', epoch: 'e', messages: [], hasOlder: false });
    const held = await Promise.all(Array.from({ length: HISTORY_ROOMS + 3 }, async (_, i) => (await cache.load(`r${i}`)) !== undefined));
    expect(held.filter(Boolean)).toHaveLength(HISTORY_ROOMS);
    expect(held.slice(0, 5)).toEqual([true, false, false, false, true]);
  });
});
