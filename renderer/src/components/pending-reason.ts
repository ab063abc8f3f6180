import type { ConnectionStatus } from '../core/connection-status.js';
import type { OutboxEntry } from '../core/outbox.js';
import type { MessageKey } from '../i18n/messages.js';

/** Under this age a pending message just says "Sending…": most are acked long before. */
export const SLOW_SEND_MS = 3000;

export interface PendingReason {
  key: MessageKey;
  /** Whether "Retry now" can help: only when connected (offline, the outbox waits anyway). */
  canRetryNow: boolean;
}

/**
 * Why one of our messages is still not acknowledged, from what the outbox and the connection
 * know: no connection, the relay refused it for now (busy, rate limit, no answer), or just slow.
 */
export function pendingReason(entry: OutboxEntry, status: ConnectionStatus, now: number): PendingReason | undefined {
  if (entry.state !== 'sending' || now - Date.parse(entry.createdAt) < SLOW_SEND_MS) return undefined;
  if (status !== 'online') return { key: 'message.waitingConnection', canRetryNow: false };
  if (entry.error) return { key: entry.error.code === 'rate_limited' ? 'message.rateLimited' : 'message.relayBusy', canRetryNow: true };
  return { key: 'message.stillSending', canRetryNow: true };
}
