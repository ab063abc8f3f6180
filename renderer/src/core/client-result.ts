import { ERROR_MESSAGES, isErrorCode, type ErrorCode } from '../../../shared/error-codes.js';

export interface ClientError {
  /** A contract error code, one of the client's own (`offline`, `timeout`, `lobby`), or what the relay sent. */
  code: string;
  message: string;
}

export type Result<T = undefined> = { ok: true; value: T } | { ok: false; error: ClientError };

/** Sentences for the codes the client itself produces; the contract's codes have theirs in shared/. */
const CLIENT_MESSAGES = {
  offline: 'You are offline: try again when connected.',
  timeout: 'The relay did not answer in time.',
  lobby: 'Everyone stays in the lobby.',
  bad_answer: 'The relay sent an answer this client cannot read: try again, or reload the app.',
} as const;

export type ClientCode = keyof typeof CLIENT_MESSAGES;

/**
 * The core's one code → sentence mapping, in English for bots and logs (the UI translates by code,
 * in i18n/). A code we know gets our sentence; one we do not keeps the relay's.
 */
export function clientError(code: string, relayMessage = 'The relay refused the request.'): ClientError {
  if (isErrorCode(code)) return { code, message: ERROR_MESSAGES[code] };
  if (Object.hasOwn(CLIENT_MESSAGES, code)) return { code, message: CLIENT_MESSAGES[code as ClientCode] };
  return { code, message: relayMessage };
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode | ClientCode): { ok: false; error: ClientError } => ({ ok: false, error: clientError(code) });

/** Codes after which the same request may succeed later, so the outbox keeps trying. */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set(['timeout', 'offline', 'unavailable', 'rate_limited']);
