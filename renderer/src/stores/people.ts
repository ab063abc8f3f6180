import { defineStore } from 'pinia';
import { inject, shallowRef, triggerRef } from 'vue';
import type { User } from '../../../shared/protocol-types.js';
import { CHAT_CLIENT, required } from './injection-keys.js';

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

  function learn(users: Iterable<User>): void {
    let changed = false;
    for (const user of users) {
      if (names.value.get(user.id) === user.name) continue;
      names.value.set(user.id, user.name);
      changed = true;
    }
    if (changed) triggerRef(names);
  }

  const learnRoom = (room: string) => {
    const state = client.room(room);
    if (state) learn(state.users.values());
  };
  for (const room of client.rooms) learnRoom(room);
  if (client.me) learn([client.me]);
  client.events.on('room', learnRoom);
  client.events.on('me', (me) => learn([me]));

  /** The newest name we know for this person; the given (send-time) name if we know none. */
  function nameOf(user: User): string {
    return names.value.get(user.id) ?? user.name;
  }

  return { nameOf };
});
