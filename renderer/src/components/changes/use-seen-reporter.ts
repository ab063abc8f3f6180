import { onBeforeUnmount, onMounted } from 'vue';

/** At most one read position per this many ms; the last one of a burst is never lost. */
export const SEEN_THROTTLE_MS = 500;

/**
 * Advances the read position as messages are actually seen: the highest seq on screen, but only
 * while the window is visible and focused (a window behind others is not being read). Called
 * after scrolls and renders, throttled; focus and visibility changes check again.
 */
export function useSeenReporter(highestVisibleSeq: () => number | undefined, report: (seq: number) => void): () => void {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const check = () => {
    timer = undefined;
    last = Date.now();
    if (document.hidden || !document.hasFocus()) return;
    const seq = highestVisibleSeq();
    if (seq !== undefined) report(seq);
  };
  const schedule = () => {
    if (timer !== undefined) return;
    const wait = last + SEEN_THROTTLE_MS - Date.now();
    if (wait <= 0) check();
    else timer = setTimeout(check, wait);
  };

  onMounted(() => {
    window.addEventListener('focus', schedule);
    document.addEventListener('visibilitychange', schedule);
  });
  onBeforeUnmount(() => {
    clearTimeout(timer);
    window.removeEventListener('focus', schedule);
    document.removeEventListener('visibilitychange', schedule);
  });
  return schedule;
}

/** The highest `data-seq` among the elements under `root` that overlap `view`'s box. */
export function highestSeqIn(root: ParentNode | undefined, view: HTMLElement | undefined): number | undefined {
  if (!root || !view) return undefined;
  const box = view.getBoundingClientRect();
  let highest: number | undefined;
  for (const el of root.querySelectorAll<HTMLElement>('[data-seq]')) {
    const r = el.getBoundingClientRect();
    if (r.bottom <= box.top || r.top >= box.bottom) continue;
    const seq = Number(el.dataset.seq);
    if (highest === undefined || seq > highest) highest = seq;
  }
  return highest;
}
