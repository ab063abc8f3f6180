import { checkEmoji, checkText, checkTopic, MENTIONS_MAX } from '../../../shared/text-rules.js';
import { newClientId } from './client-id.js';
import { fail, ok, type Result } from './client-result.js';
import type { Outbox, OutboxEntry, OutboxKind } from './outbox.js';

export interface RoomChangesDeps {
  outbox: Outbox;
  /** Joined (the outbox sends to joined rooms only). */
  joined(room: string): boolean;
  /** The outbox changed for this room: tell the views and send. */
  queued(room: string): void;
}

export interface MessageExtras {
  /** The id of the message answered. */
  replyTo?: string;
  /** User ids mentioned. */
  mentions?: string[];
}

/**
 * Edits, deletes, reactions and topics (contract v1.1) go through the outbox like messages: each
 * keeps its clientId for every attempt, so one made offline, or retried after a lost ack, is
 * applied exactly once. They are checked here first, so the user sees a mistake at once.
 */
export class RoomChanges {
  constructor(private readonly deps: RoomChangesDeps) {}

  /** A new message (`ChatClient.send`), optionally answering one and mentioning people (v1.1). */
  message(room: string, text: string, extras: MessageExtras = {}): Result<OutboxEntry> {
    const checked = checkText(text);
    if (!checked.ok) return fail(checked.code);
    const mentions = [...new Set(extras.mentions ?? [])].slice(0, MENTIONS_MAX);
    return this.queue(room, 'text', { text: checked.value, ...(extras.replyTo ? { replyTo: extras.replyTo } : {}), ...(mentions.length > 0 ? { mentions } : {}) });
  }

  edit(room: string, id: string, text: string): Result<OutboxEntry> {
    const checked = checkText(text);
    return checked.ok ? this.queue(room, 'edit', { target: id, text: checked.value }) : fail(checked.code);
  }

  delete(room: string, id: string): Result<OutboxEntry> {
    return this.queue(room, 'delete', { target: id });
  }

  /** `on`: add the user's reaction with `emoji`, or (false) take it back. */
  react(room: string, id: string, emoji: string, on = true): Result<OutboxEntry> {
    const checked = checkEmoji(emoji);
    return checked.ok ? this.queue(room, 'reaction', { target: id, emoji: checked.value, on }) : fail(checked.code);
  }

  /** "" clears the topic. */
  setTopic(room: string, topic: string): Result<OutboxEntry> {
    const checked = checkTopic(topic);
    return checked.ok ? this.queue(room, 'topic', { text: checked.value }) : fail(checked.code);
  }

  private queue(room: string, kind: OutboxKind, fields: Partial<Pick<OutboxEntry, 'text' | 'target' | 'emoji' | 'on' | 'replyTo' | 'mentions'>>): Result<OutboxEntry> {
    if (!this.deps.joined(room)) return fail('not_in_room');
    // Messages are stored without a kind, as before v1.1, so an older client's outbox reads them.
    const entry = this.deps.outbox.add({ clientId: newClientId(), room, text: '', ...(kind === 'text' ? {} : { kind }), ...fields, createdAt: new Date().toISOString() });
    this.deps.queued(room);
    return ok(entry);
  }
}
