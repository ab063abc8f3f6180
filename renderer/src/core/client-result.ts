import type { ClientError } from './outbox.js';

export type Result<T = undefined> = { ok: true; value: T } | { ok: false; error: ClientError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: string, message: string): { ok: false; error: ClientError } => ({ ok: false, error: { code, message } });

/** Codes after which the same request may succeed later, so the outbox keeps trying. */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set(['timeout', 'offline', 'unavailable', 'rate_limited']);
