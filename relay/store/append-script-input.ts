import { randomId } from '../identity/random-id.js';
import { jsonHead } from './entry-state.js';
import type { AppendRequest, ChangeRequest, MessageStoreLimits } from './message-store.js';
import type { RoomKeyNames } from './redis-room-keys.js';

/** The limits as append-script arguments, as strings once: ioredis would convert each number on every send. */
export type AppendFixedArgs = Record<'historyLimit' | 'dedupeTtlSec' | 'maxRooms' | 'ratePerSec' | 'burst', string>;

export function appendFixedArgs(limits: MessageStoreLimits): AppendFixedArgs {
  return { historyLimit: String(limits.historyLimit), dedupeTtlSec: String(limits.dedupeTtlSec), maxRooms: String(limits.maxRooms ?? 0), ratePerSec: String(limits.ratePerSec), burst: String(limits.burst) };
}

/**
 * What both append scripts (append-message.lua, append-change.lua) take alike, and in one literal
 * the fields that the store then sets (appendMessage's own, and the outcomes of the steps before
 * the script), so that setting them does not grow the object: a send's object stays one
 * allocation. appendChange ignores appendMessage's fields. On Node 20, properties added to a
 * spread (`{ ...keys, more }`) cost tens of µs per object (no map transitions).
 */
export function appendScriptInput(request: AppendRequest | ChangeRequest, room: RoomKeyNames, fixed: AppendFixedArgs) {
  return {
    meta: room.meta,
    log: room.log,
    ids: room.ids,
    state: room.state,
    dedupe: `${room.dedupe}:${request.user.id}:${request.clientId}`,
    jsonHead: jsonHead(request.id),
    historyLimit: fixed.historyLimit,
    dedupeTtlSec: fixed.dedupeTtlSec,
    newEpoch: randomId(),
    room: request.room,
    channel: room.advance,
    dedupeTail: ` ${request.id} ${request.time}`,
    maxRooms: fixed.maxRooms,
    // appendMessage's own (RedisMessageStore.append sets them)
    jsonTail: '',
    id: request.id,
    replyToId: '',
    replyToSeq: '0',
    // The steps' outcomes (RedisMessageStore.store sets them)
    bucket: '',
    ratePerSec: fixed.ratePerSec,
    burst: fixed.burst,
    tokenTaken: '',
    admitted: '0',
  };
}
