import { onBeforeUnmount, onMounted, shallowRef, watch, type Ref } from 'vue';
import type { useRoomsStore } from '../../stores/rooms.js';

/**
 * Where the "New" divider goes: the read position as it was when the user came to the room
 * (opened it, or came back to the window). It stays put while they read on — the read position
 * itself moves as messages are seen, but the divider marks what was new when they arrived.
 * A room never read (position 0) has no divider: everything would be "new".
 */
export function useNewDivider(rooms: ReturnType<typeof useRoomsStore>): Ref<number | undefined> {
  const dividerSeq = shallowRef<number>();
  // Only the relay's answer knows the read position; until then there is nothing to place.
  const freeze = () => (dividerSeq.value = rooms.open.synced && rooms.open.readSeq > 0 ? rooms.open.readSeq : undefined);
  watch(() => rooms.active, freeze, { immediate: true });
  watch(
    () => rooms.open.synced,
    (synced) => {
      if (synced && dividerSeq.value === undefined) freeze();
    },
  );
  const onVisibility = () => {
    if (!document.hidden) freeze();
  };
  onMounted(() => document.addEventListener('visibilitychange', onVisibility));
  onBeforeUnmount(() => document.removeEventListener('visibilitychange', onVisibility));
  return dividerSeq;
}
