/** Every error code a client can see in `Ack.error.code` or an HTTP error body (contract v1.1). */
export const ERROR_CODES = [
  'invalid_payload',
  'invalid_name',
  'invalid_room',
  'empty_message',
  'message_too_long',
  'not_in_room',
  'rate_limited',
  'unavailable',
  // v1.1
  'forbidden',
  'not_found',
  'too_late',
  'invalid_emoji',
  'too_many_reactions',
  'room_limit',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode | 'unauthorized' | 'payload_too_large' | 'forbidden_origin' | 'forbidden_host' | 'internal';
  message: string;
}

/** Sentences a user (or the developer of a bot) can act on; the relay may add detail. */
export const ERROR_MESSAGES: Readonly<Record<ErrorCode, string>> = {
  invalid_payload: 'The request is malformed: check the payload against the protocol.',
  invalid_name:
    'Names are 1–32 characters and need at least one visible letter, digit or symbol; invisible and direction-changing characters, stacked accents and words mixing Latin with Cyrillic or Greek letters are not allowed.',
  invalid_room: 'Room names use a–z, 0–9, "_" and "-", start with a letter or digit, at most 32.',
  empty_message: 'The message is empty: type some text before sending.',
  message_too_long: 'The message is longer than 4000 characters: shorten or split it.',
  not_in_room: 'Join the room before doing that.',
  rate_limited: 'Too many requests: wait a moment and try again.',
  unavailable: 'The relay cannot store right now: retry in a few seconds.',
  forbidden: 'Only the author of a message can edit or delete it.',
  not_found: 'That message does not exist here any more (deleted, or too old to be kept).',
  too_late: 'Messages can be edited only for a while after sending: send a new message instead.',
  invalid_emoji: 'A reaction is one emoji (at most 16 characters, with at least one pictographic emoji or a flag).',
  too_many_reactions: 'A message can carry at most 20 different emoji: react with one it already has.',
  room_limit: 'The relay holds as many rooms as it may: join an existing room instead of a new one.',
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
