/** How long the relay waits for its store before answering `unavailable`. */
export const STORE_TIMEOUT_MS = 5000;

/**
 * Rejects when `promise` takes longer than `ms`, so a stuck store answers `unavailable` instead of
 * never. One promise and one timer per call (it wraps every store call of every send; a race with
 * a `finally` made three more promises).
 */
export function withStoreTimeout<T>(promise: Promise<T>, ms: number = STORE_TIMEOUT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`store did not answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
