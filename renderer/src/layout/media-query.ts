import { onBeforeUnmount, readonly, ref, type Ref } from 'vue';

/**
 * Below this width the app is one column and the room and online lists become drawers.
 * styles.css repeats the number in its media queries (CSS cannot read it from here).
 */
export const NARROW_QUERY = '(max-width: 699.98px)';

/** Whether a media query matches, kept up to date while the calling component lives. */
export function useMediaQuery(query: string): Readonly<Ref<boolean>> {
  // happy-dom and old engines: no matchMedia means "does not match" (the wide layout).
  const list = typeof window.matchMedia === 'function' ? window.matchMedia(query) : undefined;
  const matches = ref(list?.matches ?? false);
  const update = (event: MediaQueryListEvent) => (matches.value = event.matches);
  list?.addEventListener('change', update);
  onBeforeUnmount(() => list?.removeEventListener('change', update));
  return readonly(matches);
}
