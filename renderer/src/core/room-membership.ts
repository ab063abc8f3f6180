import { LOBBY } from '../../../shared/rooms.js';
import { checkRoom } from '../../../shared/text-rules.js';
import { fail, ok, RETRYABLE_CODES, type ClientError, type Result } from './client-result.js';
import { readJson, writeJson, type KeyValueStorage } from './key-value-storage.js';
import type { Outbox } from './outbox.js';
import type { Requester } from './relay-request.js';
import { RoomState } from './room-state.js';
import { STORAGE_KEYS } from './storage-keys.js';

export interface RoomMembershipDeps {
  storage: KeyValueStorage;
  outbox: Outbox;
  request: Requester;
  connected(): boolean;
  /** Joins the room on the relay and brings it up to date. */
  sync(room: string): Promise<ClientError | undefined>;
  /** The list of joined rooms changed. */
  changed(): void;
}

function isRoomList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string' && checkRoom(v).ok);
}

/**
 * The rooms this client is in, the lobby always among them. Saved on every change, so a reload
 * rejoins them; joining and leaving go through the relay.
 */
export class RoomMembership {
  private readonly states = new Map<string, RoomState>();

  constructor(private readonly deps: RoomMembershipDeps) {
    const saved = readJson(deps.storage, STORAGE_KEYS.rooms, isRoomList) ?? [];
    // Rooms with unsent messages count as joined too, so nothing in the outbox is stranded.
    const withPending = deps.outbox.list().map((e) => e.room).filter((room) => checkRoom(room).ok);
    for (const room of [LOBBY, ...saved, ...withPending]) if (!this.states.has(room)) this.states.set(room, new RoomState(room));
  }

  get names(): string[] {
    return [...this.states.keys()];
  }

  get(room: string): RoomState | undefined {
    return this.states.get(room);
  }

  all(): IterableIterator<RoomState> {
    return this.states.values();
  }

  /** Joined at once while offline (the next session joins it on the relay); refused for good only by the relay. */
  async join(raw: string): Promise<Result<string>> {
    const checked = checkRoom(raw.trim().toLowerCase());
    if (!checked.ok) return fail(checked.code);
    const room = checked.value;
    if (this.states.has(room)) return ok(room);
    this.states.set(room, new RoomState(room));
    this.save();
    if (!this.deps.connected()) return ok(room);
    const error = await this.deps.sync(room);
    if (error && !RETRYABLE_CODES.has(error.code)) {
      this.states.delete(room);
      this.save();
      return { ok: false, error };
    }
    return ok(room);
  }

  /** Leaving drops the room's unsent messages too: they have nowhere to go. */
  async leave(room: string): Promise<Result> {
    if (room === LOBBY) return fail('lobby');
    if (!this.states.delete(room)) return ok(undefined);
    this.deps.outbox.removeRoom(room);
    this.save();
    if (this.deps.connected()) await this.deps.request('room:leave', { room });
    return ok(undefined);
  }

  /**
   * Another tab of this user saved a different list (the same storage): join what it joined and
   * leave what it left, so every tab shows the same rooms. Relay membership is per connection,
   * so each tab joins and leaves on its own socket.
   */
  followSaved(): void {
    const saved = new Set(readJson(this.deps.storage, STORAGE_KEYS.rooms, isRoomList) ?? []);
    const joined = [...saved].filter((room) => !this.states.has(room));
    for (const room of joined) this.states.set(room, new RoomState(room));
    for (const room of this.names) if (room !== LOBBY && !saved.has(room)) void this.leave(room);
    if (joined.length > 0) this.deps.changed();
    if (this.deps.connected()) for (const room of joined) void this.deps.sync(room);
  }

  private save(): void {
    writeJson(this.deps.storage, STORAGE_KEYS.rooms, this.names.filter((r) => r !== LOBBY));
    this.deps.changed();
  }
}
