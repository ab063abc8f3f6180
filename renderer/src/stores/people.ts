import { defineStore } from 'pinia';
import { inject, shallowRef, triggerRef } from 'vue';
import type { User } from '../../../shared/protocol-types.js';
import type { RoomState } from '../core/room-state.js';
import { CHAT_CLIENT, required } from './injection-keys.js';

/** What has been read of one room, so a busy room's events do not rescan its whole user list. */
interface Seen {
  size: number;
  synced: boolean;
  lastNotice: string | undefined;
}

/**
 * Everyone's current display name by user id. Messages carry the name at send time; after a
 * rename the timeline should still say who wrote them *now*, so views ask `nameOf(user)`.
 * The core keeps per-room presence (updated by joins and renames) but no id → name map across
 * rooms and departures, so this store collects one: a name learnt stays after the person
 * leaves, until a newer one arrives.
 */
export const usePeopleStore = defineStore('people', () => {
  const client = required(inject(CHAT_CLIENT), 'CHAT_CLIENT');
  const names = shallowRef(new Map<string, string>());
  const seen = new Map<string, Seen>();

  function learn(users: Iterable<User>): boolean {
    let changed = false;
    for (const user of users) {
      if (names.value.get(user.id) === user.name) continue;
      names.value.set(user.id, user.name);
      changed = true;
    }
    return changed;
  }

  /**
   * The whole presence list only when it can hold names we have not seen (a (re)join answer, a
   * different size); otherwise just the notices added since last time, which carry every join
   * and rename. A room with thousands of people then costs O(1) per message, not O(people).
   */
  function learnRoom(room: string): void {
    const state = client.room(room);
    if (!state) return;
    const last = seen.get(room);
    // Notices first: they are history, the presence list (when read) is the truth now.
    let changed = learnNotices(state, last?.lastNotice);
    if (!last || last.size !== state.presence.users.size || (state.synced && !last.synced)) changed = learn(state.presence.users.values()) || changed;
    seen.set(room, { size: state.presence.users.size, synced: state.synced, lastNotice: state.presence.notices.at(-1)?.id });
    if (changed) triggerRef(names);
  }

  function learnNotices(state: RoomState, after: string | undefined): boolean {
    let start = state.presence.notices.length;
    while (start > 0 && state.presence.notices[start - 1]?.id !== after) start--;
    if (after === undefined || start === 0) start = 0;
    return learn(state.presence.notices.slice(start).map((n) => n.user));
  }

  for (const room of client.rooms) learnRoom(room);
  if (client.me && learn([client.me])) triggerRef(names);
  client.events.on('room', learnRoom);
  client.events.on('me', (me) => {
    if (learn([me])) triggerRef(names);
  });

  /** Names read elsewhere (a large room's pages, which get no rename notices): newer than what we had. */
  function learnUsers(users: Iterable<User>): void {
    if (learn(users)) triggerRef(names);
  }

  /** The newest name we know for this person; the given (send-time) name if we know none. */
  function nameOf(user: User): string {
    return names.value.get(user.id) ?? user.name;
  }

  /** By id alone (a reaction lists ids): the newest name known, or undefined for someone never seen. */
  function nameById(id: string): string | undefined {
    return names.value.get(id);
  }

  return { nameOf, nameById, learnUsers };
});
