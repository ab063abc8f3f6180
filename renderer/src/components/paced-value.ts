/**
 * Passes a changing value on at most once per `intervalMs`, the newest one last. For a live
 * region: a screen reader hears the count of a busy room now and then, not every few seconds.
 */
export class PacedValue<T> {
  private lastAt = -Infinity;
  private published: { value: T } | undefined;
  private pending: { value: T } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly publish: (value: T) => void,
    private readonly now: () => number = Date.now,
  ) {}

  set(value: T): void {
    this.pending = { value };
    if (this.timer !== undefined) return;
    const wait = this.lastAt + this.intervalMs - this.now();
    if (wait <= 0) return this.flush();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }

  /** Takes `value` as already said (another room was opened: its heading says it), without passing it on. */
  reset(value: T): void {
    this.stop();
    this.published = { value };
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }

  private flush(): void {
    const next = this.pending;
    this.pending = undefined;
    // Back to what was said last: nothing new to say.
    if (!next || (this.published && Object.is(this.published.value, next.value))) return;
    this.published = next;
    this.lastAt = this.now();
    this.publish(next.value);
  }
}
