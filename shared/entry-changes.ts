import type { Message, Reaction } from './protocol-types.js';

/**
 * How a change entry (`edit`, `delete`, `reaction`) turns its target `text` entry into the next
 * state. Change entries carry the state they result in, not a delta, and apply only when newer
 * than the target's `rev`: applying one twice, or one that a history page already includes,
 * changes nothing. The relay's memory store and the client's fold both use this, so they cannot
 * disagree about what a change means.
 */
export function applyChange(message: Message, change: Message): Message {
  if (message.kind !== 'text' || change.target?.id !== message.id) return message;
  if (change.seq <= (message.rev ?? message.seq) || message.deleted) return message;
  switch (change.kind) {
    case 'edit':
      return { ...message, text: change.text, editedAt: change.time, rev: change.seq };
    case 'delete':
      return deletedState(message, change.seq);
    case 'reaction':
      return { ...withReactionUsers(message, change.emoji ?? '', change.users ?? []), rev: change.seq };
    default:
      return message;
  }
}

/** A deleted message keeps its place (id, seq, sender, time) and loses its content. */
export function deletedState(message: Message, rev: number): Message {
  const { replyTo: _r, mentions: _m, reactions: _x, editedAt: _e, ...kept } = message;
  return { ...kept, text: '', deleted: true, rev };
}

/** The message with `emoji`'s users set to `users`: an emoji keeps its place; one left without users goes. */
export function withReactionUsers(message: Message, emoji: string, users: readonly string[]): Message {
  const current = message.reactions ?? [];
  const at = current.findIndex((r) => r.emoji === emoji);
  let next: Reaction[];
  if (users.length === 0) next = current.filter((r) => r.emoji !== emoji);
  else if (at >= 0) next = current.map((r, i) => (i === at ? { emoji, users: [...users] } : r));
  else next = [...current, { emoji, users: [...users] }];
  const { reactions: _old, ...rest } = message;
  return next.length > 0 ? { ...rest, reactions: next } : rest;
}

/** Who reacts with `emoji` on `message` now. */
export function reactionUsers(message: Message, emoji: string): string[] {
  return message.reactions?.find((r) => r.emoji === emoji)?.users ?? [];
}
