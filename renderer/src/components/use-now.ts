import { onBeforeUnmount, onMounted, shallowRef, type Ref } from 'vue';

/** The current time (epoch ms), refreshed every `intervalMs` while the component lives. */
export function useNow(intervalMs: number): Readonly<Ref<number>> {
  const now = shallowRef(Date.now());
  let timer: ReturnType<typeof setInterval> | undefined;
  onMounted(() => (timer = setInterval(() => (now.value = Date.now()), intervalMs)));
  onBeforeUnmount(() => clearInterval(timer));
  return now;
}
