import type { RedisClient } from '../redis/redis-connection.js';
import type { LuaScriptReplies, LuaScripts } from './lua-scripts.js';
import { UNREAD_CAP, type ReaderState } from './message-store.js';

/** The name of one of the room's keys that lua/room-reader.lua reads. */
type RoomKey = (kind: 'meta' | 'log' | 'ids' | 'reads') => string;

/**
 * The reader state of several users of one room: lua/room-reader.lua once per user, all sent as
 * one pipeline. A join batch of thousands (a replica restart filling `lobby`) then costs one write
 * and a few reads on the Redis connection instead of a round trip per joiner. Every key carries
 * the room's hash tag, so on a Redis Cluster the pipeline goes to the room's shard as one.
 */
export async function readReaderStates(redis: RedisClient, scripts: LuaScripts, keyOf: RoomKey, userIds: readonly string[], uptoSeq: number): Promise<ReaderState[]> {
  const keys = { meta: keyOf('meta'), log: keyOf('log'), ids: keyOf('ids'), reads: keyOf('reads') };
  const input = (userId: string) => Object.assign({ userId, upto: uptoSeq, cap: UNREAD_CAP }, keys);
  if (userIds.length === 1) return [toReaderState(await scripts.run('roomReader', input(userIds[0]!)))];
  const pipeline = redis.pipeline();
  for (const userId of userIds) scripts.queue(pipeline, 'roomReader', input(userId));
  const replies = (await pipeline.exec()) ?? [];
  if (replies.length !== userIds.length) throw new Error('a reader-state pipeline came back incomplete');
  return replies.map(([error, reply]) => {
    if (error) throw error;
    return toReaderState(reply as LuaScriptReplies['roomReader']);
  });
}

function toReaderState([readSeq, topic, unread]: LuaScriptReplies['roomReader']): ReaderState {
  return { readSeq: Number(readSeq), topic, unread: Number(unread) };
}
