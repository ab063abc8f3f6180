/** How long the relay waits for its store before answering `unavailable`. */
export const STORE_TIMEOUT_MS = 5000;
/** How often the calls waiting for the store are checked against their deadline: a call times out within this much after it. */
export const STORE_TIMEOUT_CHECK_MS = 50;

interface Waiting {
  deadline: number;
  settled: boolean;
  reject(error: Error): void;
}

/**
 * The calls waiting for the store with one time limit, oldest first (deadlines in order), and
 * one interval that checks the oldest while any are waiting. Every send waits so: one timer per
 * call (a `setTimeout` and its `clearTimeout`) was a timer object, a closure and two timer-list
 * updates per send, for a limit that is almost never reached.
 */
class Deadlines {
  private readonly waiting: Waiting[] = [];
  private first = 0;
  private check: NodeJS.Timeout | undefined;

  constructor(private readonly ms: number) {}

  add(call: Waiting): void {
    this.waiting.push(call);
    if (!this.check) {
      this.check = setInterval(() => this.expire(), STORE_TIMEOUT_CHECK_MS);
      // A store call never keeps the process alive by its time limit (its connection does, if anything).
      this.check.unref();
    }
  }

  private expire(): void {
    const now = performance.now();
    while (this.first < this.waiting.length) {
      const call = this.waiting[this.first] as Waiting;
      if (!call.settled && call.deadline > now) break;
      this.first++;
      if (!call.settled) {
        call.settled = true;
        call.reject(new Error(`store did not answer within ${this.ms} ms`));
      }
    }
    if (this.first === this.waiting.length) {
      this.waiting.length = 0;
      this.first = 0;
      clearInterval(this.check);
      this.check = undefined;
    } else if (this.first > 1024 && this.first * 2 > this.waiting.length) {
      this.waiting.splice(0, this.first);
      this.first = 0;
    }
  }
}

const deadlines = new Map<number, Deadlines>();

/**
 * Rejects when `promise` takes longer than `ms` (checked every STORE_TIMEOUT_CHECK_MS), so a
 * stuck store answers `unavailable` instead of never. One promise per call; no timer of its own.
 */
export function withStoreTimeout<T>(promise: Promise<T>, ms: number = STORE_TIMEOUT_MS): Promise<T> {
  const queue = deadlines.get(ms) ?? deadlinesFor(ms);
  return new Promise<T>((resolve, reject) => {
    const call: Waiting = { deadline: performance.now() + ms, settled: false, reject };
    queue.add(call);
    // After a timeout the promise is settled already: a late answer changes nothing.
    promise.then(
      (value) => {
        call.settled = true;
        resolve(value);
      },
      (error: unknown) => {
        call.settled = true;
        reject(error);
      },
    );
  });
}

function deadlinesFor(ms: number): Deadlines {
  const made = new Deadlines(ms);
  deadlines.set(ms, made);
  return made;
}
