import { deletedState, type Message, type Reaction } from '../../shared/index.js';

/** What the Redis store keeps of a changed `text` entry (the stream entry itself never changes). */
export interface StoredState {
  rev: number;
  text?: string;
  editedAt?: string;
  deleted?: true;
  reactions?: Reaction[];
}

/**
 * An entry as clients get it: as stored, `text` ones merged with their current state. Entries
 * stored before v1.1 have no kind: they are text messages that never changed.
 */
export function entryOf(json: string, stateJson = ''): Message {
  const entry = JSON.parse(json) as Message;
  if (entry.kind === undefined) {
    entry.kind = 'text';
    entry.rev = entry.seq;
  }
  if (stateJson === '' || entry.kind !== 'text') return entry;
  const state = JSON.parse(stateJson) as StoredState;
  if (state.deleted) return deletedState(entry, state.rev);
  // Merged into the freshly parsed entry itself: a spread copy would cost more than the parse.
  const merged = entry;
  merged.rev = state.rev;
  if (state.text !== undefined) merged.text = state.text;
  if (state.editedAt !== undefined) merged.editedAt = state.editedAt;
  // Lua's JSON writer cannot tell an empty list from an empty object: the script never stores empty ones.
  if (Array.isArray(state.reactions) && state.reactions.length > 0) merged.reactions = state.reactions;
  return merged;
}

/** `{"id":…,"seq":` — the Lua scripts put the seq (and, for text, kind and rev) after it. */
export function jsonHead(id: string): string {
  return `{"id":${JSON.stringify(id)},"seq":`;
}

/** A text entry's JSON as append-message.lua concatenates it around the seq Redis picks: the bytes it stores. */
export function textEntryJson(head: string, seq: number, tail: string): string {
  return `${head}${seq},"kind":"text","rev":${seq}${tail}`;
}

/** What a text entry's JSON holds after its rev: the request's fields, as `AppendRequest` has them. */
export interface TextEntryFields {
  clientId: string;
  room: string;
  user: { id: string; name: string };
  text: string;
  time: string;
  replyTo?: object;
  mentions?: string[];
}

/**
 * A text entry's JSON after its rev, closing brace included: the bytes `jsonMembers` gives for
 * `{clientId, room, user: {id, name}, text, time, replyTo?, mentions?}` (and textEntry's order),
 * written member by member instead of through an object built for it and a copy of the
 * stringified result. It is on every send's path.
 */
export function textJsonTail(fields: TextEntryFields): string {
  const { replyTo, mentions } = fields;
  let tail = `,"clientId":${JSON.stringify(fields.clientId)},"room":${JSON.stringify(fields.room)},"user":{"id":${JSON.stringify(fields.user.id)},"name":${JSON.stringify(fields.user.name)}},"text":${JSON.stringify(fields.text)},"time":${JSON.stringify(fields.time)}`;
  if (replyTo) tail += `,"replyTo":${JSON.stringify(replyTo)}`;
  if (mentions?.length) tail += `,"mentions":${JSON.stringify(mentions)}`;
  return `${tail}}`;
}

/** The fields of `value` as JSON members, without braces, led by a comma: to append to an object. */
export function jsonMembers(value: object): string {
  return `,${JSON.stringify(value).slice(1, -1)}`;
}
