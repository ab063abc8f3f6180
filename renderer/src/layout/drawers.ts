import { nextTick, ref, watch, type Ref } from 'vue';

export type DrawerName = 'rooms' | 'users';

/**
 * Which side drawer is open on a narrow screen, and the focus rules around it: closing returns
 * focus to the button that opened it (so keyboard users keep their place), and growing the
 * window past the breakpoint closes it (the lists are columns again).
 */
export function useDrawers(narrow: Readonly<Ref<boolean>>) {
  const open = ref<DrawerName | undefined>();
  const toggles: Record<DrawerName, Ref<HTMLElement | undefined>> = { rooms: ref(), users: ref() };

  function show(name: DrawerName): void {
    open.value = name;
  }

  /** `returnFocus: false` when the user's choice moved the focus elsewhere already (a room was picked). */
  async function close(returnFocus = true): Promise<void> {
    const was = open.value;
    if (!was) return;
    open.value = undefined;
    if (!returnFocus) return;
    await nextTick();
    toggles[was].value?.focus();
  }

  watch(narrow, (isNarrow) => {
    if (!isNarrow) open.value = undefined;
  });

  return { open, toggles, show, close };
}
