import { defineStore } from 'pinia';
import { computed, inject, ref, shallowRef, watch } from 'vue';
import type { RoomUserList, RoomUserView } from '../core/room-user-list.js';
import { CHAT_CLIENT, required } from './injection-keys.js';
import { useLocaleStore } from './locale.js';
import { usePeopleStore } from './people.js';
import { useRoomsStore } from './rooms.js';

/**
 * The open room's online list and count (v1.1 large rooms): the core pages and searches, this
 * store re-reads the view when the core reports the room or its list changed.
 */
export const useOnlineUsersStore = defineStore('onlineUsers', () => {
  const client = required(inject(CHAT_CLIENT), 'CHAT_CLIENT');
  const rooms = useRoomsStore();
  const locale = useLocaleStore();
  const list = () => client.userLists.of(rooms.active);
  const people = usePeopleStore();
  const view = shallowRef<RoomUserView>(list().view());
  const read = () => {
    const next = list().view();
    // A large room's pages are the only news of renames there (no notices): the timeline's
    // names should follow them too.
    if (next.users !== view.value.users) people.learnUsers(next.users);
    view.value = next;
  };

  client.events.on('room', (room) => {
    if (room === rooms.active) read();
  });
  client.userLists.events.on('changed', (room) => {
    if (room === rooms.active) read();
  });
  watch(() => rooms.active, read);

  /** The list is on screen (panel open, window shown): only then is it kept true by re-reads. */
  const visible = ref(false);
  let watched: RoomUserList | undefined;
  watch(
    [visible, () => rooms.active],
    () => {
      const next = visible.value ? list() : undefined;
      if (next === watched) return;
      watched?.watch(false);
      next?.watch(true);
      watched = next;
    },
    { immediate: true },
  );
  const setVisible = (on: boolean) => (visible.value = on);

  const formatted = (n: number) => new Intl.NumberFormat(locale.locale).format(n);
  /** "150 people online", in the UI language with its digit grouping. */
  const countText = computed(() => {
    const { count } = view.value;
    return count === 1 ? locale.t('users.onlineOne') : locale.t('users.online', { count: formatted(count) });
  });

  const loadMore = () => list().loadMore();
  const search = (query: string) => list().search(query);
  const stopSearch = () => list().stopSearch();
  const retry = () => list().retry();

  return { view, countText, formatted, loadMore, search, stopSearch, retry, setVisible };
});
