/**
 * The contract's string rules, shared by the relay (which enforces them) and the clients
 * (which check before sending so the user sees the problem at once).
 */

/** Lone surrogates: with the `u` flag a paired surrogate is one code point, so only lone ones match. */
const LONE_SURROGATE = /\p{Cs}/u;
const CONTROL = /\p{Cc}/u;
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
export const ROOM_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const NAME_MAX = 32;
export const TEXT_MAX = 4000;
/** v1.1: a room topic ("" clears it). */
export const TOPIC_MAX = 200;
/** v1.1: `replyTo.excerpt`, the final "…" included when cut. */
export const EXCERPT_MAX = 140;
/** v1.1: user ids in one message's `mentions`. */
export const MENTIONS_MAX = 20;
/** v1.1: distinct emoji on one message. */
export const REACTIONS_MAX = 20;
/** v1.1: code points of one reaction emoji. */
export const EMOJI_MAX = 16;

const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const FLAG = /\p{Regional_Indicator}{2}/u;

export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** Length in Unicode code points, as the contract counts. */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export type RuleResult<T> = { ok: true; value: T } | { ok: false; code: 'invalid_payload' | 'invalid_name' | 'invalid_room' | 'empty_message' | 'message_too_long' | 'invalid_emoji' };

export function checkName(raw: string): RuleResult<string> {
  if (!isWellFormed(raw)) return { ok: false, code: 'invalid_payload' };
  const name = raw.trim();
  const length = codePointLength(name);
  if (length < 1 || length > NAME_MAX || CONTROL.test(name) || BIDI_CONTROL.test(name)) {
    return { ok: false, code: 'invalid_name' };
  }
  return { ok: true, value: name };
}

export function checkRoom(raw: string): RuleResult<string> {
  return ROOM_PATTERN.test(raw) ? { ok: true, value: raw } : { ok: false, code: 'invalid_room' };
}

export function checkText(raw: string): RuleResult<string> {
  if (!isWellFormed(raw)) return { ok: false, code: 'invalid_payload' };
  const text = raw.trim();
  if (text.length === 0) return { ok: false, code: 'empty_message' };
  if (codePointLength(text) > TEXT_MAX) return { ok: false, code: 'message_too_long' };
  return { ok: true, value: text };
}

/** A room topic: trimmed, 0–200 code points (empty clears the topic). */
export function checkTopic(raw: string): RuleResult<string> {
  if (!isWellFormed(raw)) return { ok: false, code: 'invalid_payload' };
  const topic = raw.trim();
  return codePointLength(topic) > TOPIC_MAX ? { ok: false, code: 'message_too_long' } : { ok: true, value: topic };
}

/**
 * A reaction: 1–16 code points with at least one pictographic emoji or a flag (a regional
 * indicator pair), taken as sent (not trimmed: "👍🏽" and "👍" are different reactions).
 */
export function checkEmoji(raw: string): RuleResult<string> {
  if (!isWellFormed(raw)) return { ok: false, code: 'invalid_payload' };
  const length = codePointLength(raw);
  if (length < 1 || length > EMOJI_MAX || !(PICTOGRAPHIC.test(raw) || FLAG.test(raw))) return { ok: false, code: 'invalid_emoji' };
  return { ok: true, value: raw };
}

/** `replyTo.excerpt`: a prefix of the text, at most 140 code points including a final "…" when cut. */
export function excerptOf(text: string): string {
  const points = [...text];
  return points.length <= EXCERPT_MAX ? text : `${points.slice(0, EXCERPT_MAX - 1).join('')}…`;
}
