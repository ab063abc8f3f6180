import { randomUUID } from 'node:crypto';
import type { Ack, MessageResult, User } from '../../shared/index.js';
import { withStoreTimeout } from '../store/store-timeout.js';
import { failure } from './ack-failure.js';
import type { RelayContext } from '../relay-context.js';

/**
 * Stores one message (idempotent per user and clientId) and answers only once it is stored, so
 * an acknowledged message is never lost. Delivery happens separately through the room feeds.
 */
export async function sendMessage(
  ctx: RelayContext,
  input: { room: string; text: string; clientId: string; user: User; via: 'socket' | 'http' },
): Promise<Ack<MessageResult>> {
  const started = performance.now();
  const outcome = await withStoreTimeout(
    ctx.stores.messages.append({ id: randomUUID(), room: input.room, user: { ...input.user }, clientId: input.clientId, text: input.text, time: new Date().toISOString() }),
  );
  switch (outcome.status) {
    case 'rate_limited':
      ctx.metrics.rateLimited.inc({ action: 'message' });
      return failure('rate_limited', 'You are sending messages too fast: wait a moment; the message was not sent.');
    case 'room_limit':
      return failure('room_limit');
    case 'duplicate':
      ctx.metrics.dedupeHits.inc();
      return { ok: true, message: outcome.message, duplicate: true };
    case 'stored':
      ctx.metrics.messagesIn.inc({ via: input.via });
      ctx.metrics.ackLatency.observe((performance.now() - started) / 1000);
      return { ok: true, message: outcome.message, duplicate: false };
  }
}
