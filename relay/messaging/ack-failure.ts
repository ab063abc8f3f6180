import { ERROR_MESSAGES, type AckError, type ErrorCode } from '../../shared/index.js';

export function failure(code: ErrorCode, message: string = ERROR_MESSAGES[code]): AckError {
  return { ok: false, error: { code, message } };
}
