import { z } from 'zod';
import { ERROR_MESSAGES, isErrorCode, type ErrorCode } from './error-codes.js';
import { ROOM_USERS_LIMIT_MAX } from './protocol-types.js';
import { checkEmoji, checkName, checkRoom, checkText, checkTopic, CLIENT_ID_PATTERN, MENTIONS_MAX, type RuleResult } from './text-rules.js';

/**
 * Zod schemas for every client → relay payload. Each failing rule reports the contract's error
 * code as its issue message, so `parsePayload` can answer with the precise code; a value of the
 * wrong type is `invalid_payload`.
 */
function ruled(check: (raw: string) => RuleResult<string>) {
  return z.string({ error: 'invalid_payload' }).transform((raw, ctx) => {
    const result = check(raw);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.code });
    return z.NEVER;
  });
}

export const nameSchema = ruled(checkName);
export const roomSchema = ruled(checkRoom);
export const textSchema = ruled(checkText);
export const clientIdSchema = z.string({ error: 'invalid_payload' }).regex(CLIENT_ID_PATTERN, { error: 'invalid_payload' });
export const seqSchema = z
  .number({ error: 'invalid_payload' })
  .int({ error: 'invalid_payload' })
  .min(0, { error: 'invalid_payload' })
  .max(Number.MAX_SAFE_INTEGER, { error: 'invalid_payload' });

const payload = <T extends z.ZodRawShape>(shape: T) => z.object(shape, { error: 'invalid_payload' });

export const roomJoinSchema = payload({ room: roomSchema, since: seqSchema.optional() });
export const roomLeaveSchema = payload({ room: roomSchema });
export const topicSchema = ruled(checkTopic);
export const emojiSchema = ruled(checkEmoji);
/**
 * A message id (the relay's are 22-character base64url ids; UUIDs until 2026-12-02). A string that cannot be one names no kept message:
 * `not_found`, like an id that was never used; only a wrong type is `invalid_payload`.
 */
export const messageIdSchema = z.string({ error: 'invalid_payload' }).regex(CLIENT_ID_PATTERN, { error: 'not_found' });
/** User ids to mention: at most 20 (else invalid_payload); malformed ones are dropped, repeats once. */
export const mentionsSchema = z
  .array(z.unknown(), { error: 'invalid_payload' })
  .max(MENTIONS_MAX, { error: 'invalid_payload' })
  .transform((ids) => [...new Set(ids.filter((id): id is string => typeof id === 'string' && CLIENT_ID_PATTERN.test(id)))]);

export const messageSchema = payload({ room: roomSchema, text: textSchema, clientId: clientIdSchema, replyTo: messageIdSchema.optional(), mentions: mentionsSchema.optional() });
export const messageEditSchema = payload({ room: roomSchema, id: messageIdSchema, text: textSchema, clientId: clientIdSchema });
export const messageDeleteSchema = payload({ room: roomSchema, id: messageIdSchema, clientId: clientIdSchema });
export const messageReactSchema = payload({ room: roomSchema, id: messageIdSchema, emoji: emojiSchema, on: z.boolean({ error: 'invalid_payload' }), clientId: clientIdSchema });
export const roomTopicSchema = payload({ room: roomSchema, topic: topicSchema, clientId: clientIdSchema });
export const roomReadSchema = payload({ room: roomSchema, seq: seqSchema });
/** A user id as a paging cursor: any short string (a user who left still orders the page). */
const userCursorSchema = z.string({ error: 'invalid_payload' }).min(1, { error: 'invalid_payload' }).max(64, { error: 'invalid_payload' });
export const roomUsersSchema = payload({
  room: roomSchema,
  after: userCursorSchema.optional(),
  limit: z.number({ error: 'invalid_payload' }).int({ error: 'invalid_payload' }).min(1, { error: 'invalid_payload' }).max(ROOM_USERS_LIMIT_MAX, { error: 'invalid_payload' }).optional(),
});
export const renameSchema = payload({ name: nameSchema });
export const typingSchema = payload({ room: roomSchema });
export const sessionCloseSchema = z.union([payload({}), z.undefined()], { error: 'invalid_payload' });

/** Handshake auth is best effort: a bad token or name falls back to a new or random identity. */
export const handshakeAuthSchema = z
  .object({
    token: z.string().max(2048).optional().catch(undefined),
    name: z.string().max(512).optional().catch(undefined),
  })
  .catch({});

/** HTTP bodies and queries. */
export const postMessageBodySchema = payload({ text: textSchema, clientId: clientIdSchema, replyTo: messageIdSchema.optional(), mentions: mentionsSchema.optional() });

const queryInt = (min: number, max: number) =>
  z
    .string({ error: 'invalid_payload' })
    .regex(/^\d{1,16}$/, { error: 'invalid_payload' })
    .transform(Number)
    .pipe(z.number().int().min(min, { error: 'invalid_payload' }).max(max, { error: 'invalid_payload' }));

export const messagesQuerySchema = z.object({
  since: queryInt(0, Number.MAX_SAFE_INTEGER).optional(),
  before: queryInt(1, Number.MAX_SAFE_INTEGER).optional(),
  limit: queryInt(1, 200).optional(),
});

/** `GET /api/rooms?q=&limit=` (v1.1): `q` is a room-name prefix (rooms are lower-case). */
export const roomsQuerySchema = z.object({
  q: z.string({ error: 'invalid_payload' }).max(32, { error: 'invalid_payload' }).optional(),
  limit: queryInt(1, 200).optional(),
});

/** `GET /api/rooms/:room/users?after=&limit=` (v1.1). */
export const roomUsersQuerySchema = z.object({
  after: userCursorSchema.optional(),
  limit: queryInt(1, ROOM_USERS_LIMIT_MAX).optional(),
});

export type ParseResult<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

/** Parses an untrusted value; the error carries the first failing rule's contract code. */
export function parsePayload<S extends z.ZodType>(schema: S, value: unknown): ParseResult<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const first = result.error.issues[0];
  const code: ErrorCode = first && isErrorCode(first.message) ? first.message : 'invalid_payload';
  const where = first && first.path.length > 0 ? ` (field "${first.path.join('.')}")` : '';
  return { ok: false, code, message: ERROR_MESSAGES[code] + where };
}
