import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs carrying the replica id. Tokens and message texts must never reach the
 * logs: handlers log ids and codes only, and these paths are redacted as a second line of defence.
 */
export function createLogger(options: { level: string; replicaId: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { replica: options.replicaId },
      redact: {
        paths: ['token', '*.token', 'auth', '*.auth', 'authorization', '*.authorization', 'headers.authorization', 'text', '*.text'],
        censor: '[redacted]',
      },
    },
    options.destination,
  );
}
