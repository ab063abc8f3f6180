/**
 * The contract's string rules, shared by the relay (which enforces them) and the clients
 * (which check before sending so the user sees the problem at once).
 */

/** Lone surrogates: with the `u` flag a paired surrogate is one code point, so only lone ones match. */
const LONE_SURROGATE = /\p{Cs}/u;
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

/**
 * A display name, NFKC-normalised (so "ｆｕｌｌ" and "ﬁ" read as the letters they look like) and
 * trimmed, 1–32 code points, which a person can see and tell apart from another person's:
 * - no control, format, line/paragraph separator or other invisible character (Unicode Cc, Cf, Zl,
 *   Zp, Default_Ignorable_Code_Point — zero-width spaces, Hangul fillers, tag characters — and
 *   the braille blank U+2800). Two exceptions keep emoji working: a variation selector right after
 *   a visible character (❤️), and a zero-width joiner inside an emoji sequence (👩‍💻);
 * - at most 2 combining marks in a row (more only serve to stack glyphs over other lines);
 * - at least one visible letter, digit, punctuation mark or symbol;
 * - no word (a run of letters and marks) that mixes Latin with Cyrillic or Greek letters, the
 *   usual way to imitate someone else's name ("Аlice" with a Cyrillic А). Words in one script
 *   ("Алиса", "Alice") and names whose words differ in script ("Alice Алиса") pass.
 */
export function checkName(raw: string): RuleResult<string> {
  if (!isWellFormed(raw)) return { ok: false, code: 'invalid_payload' };
  const name = raw.normalize('NFKC').trim();
  const length = codePointLength(name);
  if (length < 1 || length > NAME_MAX || !isReadableName(name)) return { ok: false, code: 'invalid_name' };
  return { ok: true, value: name };
}

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\u2800]/u;
const VARIATION_SELECTOR = /[\u180B-\u180D\u180F\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u;
const ZERO_WIDTH_JOINER = '\u200D';
/** What an emoji sequence's joiner may follow: a pictograph, a skin tone, or the emoji-style selector. */
const EMOJI_BEFORE_JOINER = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;
const MARK = /\p{M}/u;
const MAX_MARKS_IN_A_ROW = 2;
const WORD = /[\p{L}\p{M}]+/gu;
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC_OR_GREEK = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;

function isReadableName(name: string): boolean {
  const chars = [...name];
  let marks = 0;
  for (const [i, char] of chars.entries()) {
    const before = chars[i - 1] ?? '';
    if (VARIATION_SELECTOR.test(char)) {
      if (!VISIBLE.test(before)) return false;
    } else if (char === ZERO_WIDTH_JOINER) {
      if (!EMOJI_BEFORE_JOINER.test(before) || !PICTOGRAPH.test(chars[i + 1] ?? '')) return false;
    } else if (INVISIBLE.test(char)) {
      return false;
    }
    marks = MARK.test(char) ? marks + 1 : 0;
    if (marks > MAX_MARKS_IN_A_ROW) return false;
  }
  if (!VISIBLE.test(name)) return false;
  return !(name.match(WORD) ?? []).some((word) => LATIN.test(word) && CYRILLIC_OR_GREEK.test(word));
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
