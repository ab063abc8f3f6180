import { applyChange } from '../../../shared/entry-changes.js';
import type { Message } from '../../../shared/protocol-types.js';

/**
 * What a room's stream folds into: its `text` messages in their current state, the topic, and
 * changes whose target is not held yet (a page of older history may still bring it).
 */
export interface EntryFold {
  /** id → the message in its current state. */
  readonly texts: ReadonlyMap<string, Message>;
  readonly topic: string;
  /** The seq the topic was set at (0: as of a join answer's lastSeq, or never). */
  readonly topicSeq: number;
  /** target id → changes that arrived before their target. */
  readonly pending: ReadonlyMap<string, readonly Message[]>;
}

export const EMPTY_FOLD: EntryFold = { texts: new Map(), topic: '', topicSeq: 0, pending: new Map() };

/** Changes remembered for targets not held; beyond this the oldest are forgotten. */
const PENDING_MAX = 1000;

/**
 * Folds entries — history pages (text entries as of their read) and the live stream (in seq
 * order), in any interleaving, any of them more than once — into the relay's state. A text entry
 * replaces the held one only when its `rev` is higher; a change applies only above its target's
 * `rev` (shared/entry-changes.ts); a topic only above the last topic's seq. Pure: the result
 * shares nothing mutable with the input.
 */
export function foldEntries(fold: EntryFold, entries: readonly Message[]): EntryFold {
  if (entries.length === 0) return fold;
  const texts = new Map(fold.texts);
  const pending = new Map(fold.pending);
  let { topic, topicSeq } = fold;
  for (const entry of entries) {
    switch (entry.kind) {
      case 'topic':
        if (entry.seq > topicSeq) ({ text: topic, seq: topicSeq } = entry);
        break;
      case 'edit':
      case 'delete':
      case 'reaction': {
        const id = entry.target?.id;
        if (id === undefined) break;
        const target = texts.get(id);
        if (target) texts.set(id, applyChange(target, entry));
        else remember(pending, id, entry);
        break;
      }
      default: {
        // `text`, and any kind a newer relay may add: shown as a message, as v1 clients would.
        const held = texts.get(entry.id);
        let next = held && revOf(held) >= revOf(entry) ? held : entry;
        const waiting = pending.get(entry.id);
        if (waiting) {
          pending.delete(entry.id);
          for (const change of [...waiting].sort((a, b) => a.seq - b.seq)) next = applyChange(next, change);
        }
        texts.set(entry.id, next);
      }
    }
  }
  return { texts, topic, topicSeq, pending };
}

/** The topic as a `room:join` answer states it (as of its lastSeq); later topic entries win. */
export function withJoinTopic(fold: EntryFold, topic: string, lastSeq: number): EntryFold {
  return lastSeq >= fold.topicSeq ? { ...fold, topic, topicSeq: lastSeq } : fold;
}

/** The text messages, oldest first. */
export function foldedMessages(fold: EntryFold): Message[] {
  return [...fold.texts.values()].sort((a, b) => a.seq - b.seq);
}

const revOf = (message: Message) => message.rev ?? message.seq;

function remember(pending: Map<string, readonly Message[]>, id: string, change: Message): void {
  const list = pending.get(id) ?? [];
  if (list.some((c) => c.id === change.id)) return;
  pending.delete(id);
  pending.set(id, [...list, change]);
  if (pending.size > PENDING_MAX) pending.delete(pending.keys().next().value!);
}
