import { checkRoom } from '../../../shared/text-rules.js';
import { Emitter } from './emitter.js';
import { readJson, writeJson, type KeyValueStorage } from './key-value-storage.js';
import { STORAGE_KEYS } from './storage-keys.js';

/** More than anyone mutes on purpose; keeps an edited or runaway entry from growing without end. */
export const MUTES_MAX = 500;

/** Stored data is user-editable: only a list of well-formed room names is taken. */
function isMuteList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length <= MUTES_MAX && value.every((v) => typeof v === 'string' && checkRoom(v).ok);
}

interface RoomMutesEvents {
  changed: () => void;
}

/**
 * The rooms the user muted, on this device: the contract has no server-side preferences, so the
 * choice lives in the same storage as the room list. A mute outlasts leaving the room, as in Slack:
 * rejoining a noisy room should not start the noise again.
 */
export class RoomMutes {
  readonly events = new Emitter<RoomMutesEvents>();
  private muted: ReadonlySet<string>;

  constructor(private readonly storage: KeyValueStorage) {
    this.muted = this.read();
  }

  isMuted(room: string): boolean {
    return this.muted.has(room);
  }

  set(room: string, muted: boolean): void {
    if (this.muted.has(room) === muted || !checkRoom(room).ok) return;
    const next = [...this.muted].filter((r) => r !== room);
    if (muted) next.push(room);
    // The oldest mutes go first when the list is full.
    this.muted = new Set(next.slice(-MUTES_MAX));
    writeJson(this.storage, STORAGE_KEYS.mutes, [...this.muted]);
    this.events.emit('changed');
  }

  /** Another tab of this browser changed the saved list (see platform/cross-tab-rooms). */
  reload(): void {
    const saved = this.read();
    if (saved.size === this.muted.size && [...saved].every((r) => this.muted.has(r))) return;
    this.muted = saved;
    this.events.emit('changed');
  }

  private read(): ReadonlySet<string> {
    return new Set(readJson(this.storage, STORAGE_KEYS.mutes, isMuteList) ?? []);
  }
}
