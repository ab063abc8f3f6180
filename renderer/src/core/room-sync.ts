import type { RoomJoinResult } from '../../../shared/protocol-types.js';
import { clientError, type ClientError } from './client-result.js';
import type { Requester } from './relay-request.js';
import { withMembers } from './room-presence.js';
import type { RoomState } from './room-state.js';

export interface RoomSyncDeps {
  request: Requester;
  room(name: string): RoomState | undefined;
  connected(): boolean;
  /** The room's messages or users changed. */
  changed(room: string): void;
  /** A join answer was applied (v1.1: it carries the read position and unread count). */
  joined(state: RoomState, answer: RoomJoinResult): void;
  /** The room is up to date on this connection (the outbox may send to it). */
  synced(room: string): void;
}

/** Guards against a relay that keeps answering without progress. */
const MAX_ROUNDS = 1000;

/**
 * Brings a room up to date: a fresh load when we hold nothing, else `since` = held, repeated
 * until every message up to the relay's `lastSeq` is here (gap fill, 1000 per answer). A new epoch
 * drops the cache and loads afresh. Concurrent requests for one room coalesce into one more
 * round, so a burst of gaps costs one extra `room:join`, not one each.
 */
export class RoomSync {
  /** room → a further sync was requested while one was running. */
  private readonly running = new Map<string, boolean>();

  constructor(private readonly deps: RoomSyncDeps) {}

  async sync(room: string): Promise<ClientError | undefined> {
    if (this.running.has(room)) {
      this.running.set(room, true);
      return undefined;
    }
    let error: ClientError | undefined;
    try {
      do {
        this.running.set(room, false);
        error = await this.load(room);
      } while (this.running.get(room) === true && !error);
    } finally {
      this.running.delete(room);
    }
    if (!error && this.deps.room(room)) this.deps.synced(room);
    return error;
  }

  private async load(room: string): Promise<ClientError | undefined> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const state = this.deps.room(room);
      if (!state) return undefined;
      if (!this.deps.connected()) return clientError('offline');
      const since = state.log.resumePoint();
      const heldBefore = state.log.held;
      const res = await this.deps.request('room:join', since === undefined ? { room } : { room, since });
      if (this.deps.room(room) !== state) return undefined; // left while waiting
      if (!res.ok) return clientError(String(res.error.code), res.error.message);
      const outcome = state.log.applyJoin(res, since);
      state.presence = withMembers(state.presence, res.users, res.userCount);
      state.synced = true;
      this.deps.joined(state, res);
      this.deps.changed(room);
      if (outcome === 'reset') continue;
      if (state.log.held >= res.lastSeq) return undefined;
      if (state.log.held === heldBefore && res.messages.length === 0) return undefined; // no progress
    }
    return undefined;
  }
}
