import type { LuaScripts } from './lua-scripts.js';
import { UNREAD_CAP, type ReaderState } from './message-store.js';

/** The name of one of the room's keys that lua/room-reader.lua reads. */
type RoomKey = (kind: 'meta' | 'log' | 'ids' | 'reads') => string;

/**
 * Readers per lua/room-reader.lua call. A call runs alone on its Redis, and each reader's unread
 * count may scan up to UNREAD_CAP entries (about a millisecond): a big batch goes as several
 * calls, sent at once, between which Redis serves its other clients.
 */
export const READERS_PER_CALL = 16;

/**
 * The reader state of several users of one room: lua/room-reader.lua for up to READERS_PER_CALL
 * users at a time, the calls sent at once. A join batch of thousands (a replica restart filling
 * `lobby`) then costs a few commands and replies instead of one per joiner — and, at 5,000 joins,
 * megabytes less garbage from a pipeline's command objects, which lived long enough to be
 * promoted into the old generation and show in the RSS of idle connections (issue 15). Every key
 * carries the room's hash tag, so on a Redis Cluster every call goes to the room's shard.
 */
export async function readReaderStates(scripts: LuaScripts, keyOf: RoomKey, userIds: readonly string[], uptoSeq: number): Promise<ReaderState[]> {
  const input = { meta: keyOf('meta'), log: keyOf('log'), ids: keyOf('ids'), reads: keyOf('reads'), upto: uptoSeq, cap: UNREAD_CAP };
  const calls: Array<Promise<ReaderState[]>> = [];
  for (let from = 0; from < userIds.length; from += READERS_PER_CALL) {
    const readers = userIds.slice(from, from + READERS_PER_CALL).map((userId) => ({ userId }));
    calls.push(scripts.run('roomReader', input, readers).then((reply) => toReaderStates(reply, readers.length)));
  }
  return (await Promise.all(calls)).flat();
}

function toReaderStates([topic, ...flat]: [topic: string, ...readSeqAndUnread: number[]], count: number): ReaderState[] {
  if (flat.length !== 2 * count) throw new Error('a reader-state reply came back incomplete');
  const states: ReaderState[] = [];
  for (let i = 0; i < count; i++) states.push({ readSeq: Number(flat[2 * i]), topic, unread: Number(flat[2 * i + 1]) });
  return states;
}
