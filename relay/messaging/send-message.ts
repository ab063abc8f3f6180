import { excerptOf, type Ack, type MessageResult, type ReplyRef, type User } from '../../shared/index.js';
import { randomId } from '../identity/random-id.js';
import { withStoreTimeout } from '../store/store-timeout.js';
import type { AppendRequest } from '../store/message-store.js';
import { failure } from './ack-failure.js';
import { EncodedAck } from './encoded-ack.js';
import type { RelayContext } from '../relay-context.js';

export interface SendInput {
  room: string;
  text: string;
  clientId: string;
  user: User;
  via: 'socket' | 'http';
  /** v1.1: the id of the message answered. */
  replyTo?: string;
  /** v1.1: user ids, validated for form; unknown ones are dropped here. */
  mentions?: string[];
  /** Called once the entry is stored, right before this replica's members get it (see beforeLocalDelivery). */
  beforeLocalDelivery?: () => void;
}

/**
 * Stores one message (idempotent per user and clientId) and answers only once it is stored, so
 * an acknowledged message is never lost. Delivery happens separately through the room feeds.
 */
export async function sendMessage(ctx: RelayContext, input: SendInput): Promise<Ack<MessageResult>> {
  const started = performance.now();
  // Plain messages (the hot path) read nothing before their append.
  const [replyTo, mentions] =
    input.replyTo !== undefined || input.mentions !== undefined ? await Promise.all([replyRef(ctx, input.room, input.replyTo), knownUsers(ctx, input.mentions)]) : [undefined, []];
  // Built with named properties, no spreads: on every send's path (Node 20's slow path for spreads).
  const request: AppendRequest = { id: randomId(), room: input.room, user: { id: input.user.id, name: input.user.name }, clientId: input.clientId, text: input.text, time: new Date().toISOString() };
  if (replyTo) request.replyTo = replyTo;
  if (mentions.length > 0) request.mentions = mentions;
  const outcome = await withStoreTimeout(ctx.stores.messages.append(request));
  switch (outcome.status) {
    case 'rate_limited':
      ctx.metrics.rateLimited.inc({ action: 'message' });
      return failure('rate_limited', 'You are sending messages too fast: wait a moment; the message was not sent.');
    case 'room_limit':
      return failure('room_limit');
    case 'not_found':
      return failure('not_found', 'The message you reply to was deleted or is no longer kept: send without the reply.');
    case 'duplicate':
      ctx.metrics.dedupeHits.inc();
      return { ok: true, message: outcome.message, duplicate: true };
    case 'stored':
      input.beforeLocalDelivery?.();
      ctx.feeds.stored(input.room, outcome.epoch, outcome.message, outcome.encoded);
      ctx.metrics.messagesIn.inc({ via: input.via });
      ctx.metrics.ackLatency.observe((performance.now() - started) / 1000);
      ctx.senders.noteSent(input.room, input.user.id);
      // A socket's ack then carries the stored JSON as it is (the HTTP answer reads `message`).
      return outcome.encoded ? new EncodedAck(outcome.message, outcome.encoded) : { ok: true, message: outcome.message, duplicate: false };
  }
}

/**
 * The reply's target as it is now. Read before the append (the excerpt is made here, not in
 * Redis); the append checks atomically that the target is still there. A target not found here
 * still goes to the store, with seq 0: a repeat of an earlier request must get its duplicate
 * answer before anyone says `not_found`.
 */
async function replyRef(ctx: RelayContext, room: string, id: string | undefined): Promise<ReplyRef | undefined> {
  if (id === undefined) return undefined;
  const target = await withStoreTimeout(ctx.stores.messages.find(room, id));
  if (!target) return { id, seq: 0, user: { id: '', name: '' }, excerpt: '' };
  return { id: target.id, seq: target.seq, user: { ...target.user }, excerpt: excerptOf(target.text) };
}

/** Mentions of users the relay knows (connected here, or with a stored name); the rest are dropped. */
async function knownUsers(ctx: RelayContext, ids: string[] | undefined): Promise<string[]> {
  if (!ids || ids.length === 0) return [];
  const missing = ids.filter((id) => ctx.localUsers.nameOf(id) === undefined);
  const stored = missing.length > 0 ? await ctx.stores.users.getNames(missing) : new Map<string, string>();
  return ids.filter((id) => ctx.localUsers.nameOf(id) !== undefined || stored.has(id));
}
