import { checkName, codePointLength, NAME_MAX, ROOM_PATTERN } from '../../../shared/text-rules.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Params } from '../i18n/translate.js';

/** What is wrong with a typed value, as a message key and its parameters, or undefined if nothing. */
export type Problem = { key: MessageKey; params?: Params } | undefined;

/**
 * Why a display name is refused, in the words of the rule it breaks (the relay only says
 * `invalid_name`). The relay stays the judge; this only explains before asking it.
 */
export function nameProblem(raw: string): Problem {
  if (checkName(raw).ok) return undefined;
  const length = codePointLength(raw.trim());
  if (length === 0) return { key: 'name.empty' };
  if (length > NAME_MAX) return { key: 'name.tooLong', params: { max: NAME_MAX, count: length } };
  return { key: 'name.invisible' };
}

const ROOM_CHAR = /[a-z0-9_-]/;

/**
 * Why a room name is refused: which characters cannot be used, or where the rule is broken.
 * `spaceWord` names the space character in the UI language (a blank would be invisible).
 */
export function roomProblem(raw: string, spaceWord: string): Problem {
  const name = raw.trim().toLowerCase();
  if (ROOM_PATTERN.test(name)) return undefined;
  if (name === '') return { key: 'rooms.empty' };
  const bad = [...new Set([...name].filter((c) => !ROOM_CHAR.test(c)))];
  if (bad.length > 0) return { key: 'rooms.badChars', params: { chars: bad.slice(0, 3).map((c) => (c === ' ' ? spaceWord : c)).join(', ') } };
  if (codePointLength(name) > 32) return { key: 'rooms.tooLong', params: { count: codePointLength(name) } };
  return { key: 'rooms.badStart' };
}

/** The composer's counter: characters left, or how many too many, never "-1 characters left". */
export function lengthHint(remaining: number): { key: MessageKey; params: Params } {
  if (remaining < 0) return { key: remaining === -1 ? 'composer.tooManyOne' : 'composer.tooMany', params: { count: -remaining } };
  return { key: remaining === 1 ? 'composer.remainingOne' : 'composer.remaining', params: { count: remaining } };
}
