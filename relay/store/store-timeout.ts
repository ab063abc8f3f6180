/** How long the relay waits for its store before answering `unavailable`. */
export const STORE_TIMEOUT_MS = 5000;

/** Rejects when `promise` takes longer than `ms`, so a stuck store answers `unavailable` instead of never. */
export function withStoreTimeout<T>(promise: Promise<T>, ms: number = STORE_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`store did not answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
