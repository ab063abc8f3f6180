// Types for wait-for.mjs (plain JavaScript so `npm run cluster` needs no build step).

/** Thrown from a waitFor check to stop waiting at once (the thing waited for cannot happen). */
export class GiveUp extends Error {}

/**
 * Polls `check` (every `intervalMs`, default 50) until it returns a truthy value and resolves
 * with it; throws after `timeoutMs` (default 10 s) naming `what` and the check's last error,
 * or at once when the check throws GiveUp.
 */
export function waitFor<T>(
  check: () => T | Promise<T>,
  options?: { timeoutMs?: number; intervalMs?: number; what?: string },
): Promise<NonNullable<T>>;

/** GET `url` and resolve with its status, or 0 when nothing answers within `timeoutMs` (default 2 s). */
export function httpStatus(url: string, timeoutMs?: number): Promise<number>;
