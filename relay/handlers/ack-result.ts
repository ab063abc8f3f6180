import { ERROR_MESSAGES, type AckError, type ErrorCode } from '../../shared/index.js';

export function failure(code: ErrorCode, message: string = ERROR_MESSAGES[code]): AckError {
  return { ok: false, error: { code, message } };
}

/** Rejects when `promise` takes longer than `ms`, so a stuck store answers `unavailable` instead of never. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`store did not answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
