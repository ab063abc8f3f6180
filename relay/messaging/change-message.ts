import type { Ack, MessageResult, User } from '../../shared/index.js';
import type { ChangeRequest } from '../store/message-store.js';
import { randomId } from '../identity/random-id.js';
import { withStoreTimeout } from '../store/store-timeout.js';
import { failure } from './ack-failure.js';
import type { RelayContext } from '../relay-context.js';

export type ChangeInput = Pick<ChangeRequest, 'room' | 'clientId' | 'kind'> &
  Partial<Pick<ChangeRequest, 'targetId' | 'text' | 'emoji' | 'on'>> & {
    user: User;
    /** Called once the entry is stored, right before this replica's members get it (see SendInput). */
    beforeLocalDelivery?: () => void;
  };

/**
 * Stores one change entry (edit, delete, reaction, topic), idempotent per user and clientId like
 * a message, and answers once it is stored; the entry reaches the room through the feeds.
 */
export async function changeMessage(ctx: RelayContext, input: ChangeInput): Promise<Ack<MessageResult>> {
  const now = Date.now();
  const outcome = await withStoreTimeout(
    ctx.stores.messages.change({
      id: randomId(),
      room: input.room,
      user: { ...input.user },
      clientId: input.clientId,
      time: new Date(now).toISOString(),
      kind: input.kind,
      targetId: input.targetId ?? '',
      text: input.text ?? '',
      editCutoff: new Date(now - ctx.config.editWindowSec * 1000).toISOString(),
      emoji: input.emoji ?? '',
      on: input.on ?? false,
    }),
  );
  switch (outcome.status) {
    case 'stored':
      input.beforeLocalDelivery?.();
      ctx.feeds.stored(input.room, outcome.epoch, outcome.message);
      return { ok: true, message: outcome.message, duplicate: false };
    case 'duplicate':
      ctx.metrics.dedupeHits.inc();
      return { ok: true, message: outcome.message, duplicate: true };
    case 'unchanged':
      return { ok: true, message: outcome.message, duplicate: true };
    case 'rate_limited':
      ctx.metrics.rateLimited.inc({ action: 'message' });
      return failure('rate_limited', 'You are sending too fast: wait a moment; the change was not made.');
    case 'too_late':
      return failure('too_late', `Messages can be edited for ${describeWindow(ctx.config.editWindowSec)} after sending: send a new message instead.`);
    default:
      return failure(outcome.status);
  }
}

function describeWindow(seconds: number): string {
  if (seconds % 3600 === 0 && seconds >= 3600) return `${seconds / 3600} h`;
  if (seconds % 60 === 0 && seconds >= 60) return `${seconds / 60} min`;
  return `${seconds} s`;
}
