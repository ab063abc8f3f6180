import { Router, type Request, type Response } from 'express';
import {
  messagesQuerySchema,
  parsePayload,
  postMessageBodySchema,
  roomSchema,
  roomsQuerySchema,
  roomUsersQuerySchema,
  ROOM_USERS_LIMIT_DEFAULT,
  type MessageResult,
  type RoomMessagesResponse,
  type RoomsResponse,
  type RoomUsersResponse,
} from '../../shared/index.js';
import { historyWindow } from '../delivery/join-answer.js';
import { sendMessage } from '../messaging/send-message.js';
import type { RelayContext } from '../relay-context.js';
import { roomUsersPage } from '../rooms/room-users.js';
import { bearerUser } from './bearer-user.js';
import { sendAckError, sendError } from './http-errors.js';

/** Validates `:room`; answers 400 itself and returns undefined when it is not a valid room. */
function roomParam(req: Request, res: Response): string | undefined {
  const parsed = parsePayload(roomSchema, req.params.room);
  if (parsed.ok) return parsed.value;
  sendAckError(res, parsed);
  return undefined;
}

/** Store failures become 503 `unavailable`, as on the socket. */
function guarded(ctx: RelayContext, handler: (req: Request, res: Response) => Promise<void>) {
  return (req: Request, res: Response) => {
    handler(req, res).catch((error: unknown) => {
      ctx.metrics.redisErrors.inc();
      ctx.logger.warn({ err: error, path: req.path }, 'HTTP request failed; answered unavailable');
      if (!res.headersSent) sendError(res, 503, 'unavailable', 'The relay cannot reach its store right now: retry in a few seconds.');
    });
  };
}

export function apiRoutes(ctx: RelayContext): Router {
  const router = Router();
  const { stores } = ctx;

  router.get('/rooms', guarded(ctx, async (req, res) => {
    const query = parsePayload(roomsQuerySchema, req.query);
    if (!query.ok) return sendAckError(res, { code: 'invalid_payload', message: `${query.message}: q is a room-name prefix (at most 32 characters), limit is 1–200.` });
    const { q = '', limit = 50 } = query.value;
    const [withMessages, counts] = await Promise.all([stores.messages.rooms(), stores.presence.roomUserCounts()]);
    const lastSeq = new Map(withMessages.map((r) => [r.room, r.lastSeq]));
    const topics = new Map(withMessages.map((r) => [r.room, r.topic]));
    const prefix = q.toLowerCase();
    const rooms = [...new Set([...lastSeq.keys(), ...counts.keys()])]
      .filter((room) => room.startsWith(prefix))
      .map((room) => ({ room, users: counts.get(room) ?? 0, lastSeq: lastSeq.get(room) ?? 0, topic: topics.get(room) ?? '' }))
      // Most users first, ties by name: the busy rooms a newcomer looks for come first.
      .sort((a, b) => b.users - a.users || (a.room < b.room ? -1 : a.room > b.room ? 1 : 0))
      .slice(0, limit);
    res.json({ rooms } satisfies RoomsResponse);
  }));

  router.get('/rooms/:room/users', guarded(ctx, async (req, res) => {
    const room = roomParam(req, res);
    if (!room) return;
    const query = parsePayload(roomUsersQuerySchema, req.query);
    if (!query.ok) return sendAckError(res, { code: 'invalid_payload', message: `${query.message}: after is a user id (the last of the previous page), limit is 1–200.` });
    const { after, limit = ROOM_USERS_LIMIT_DEFAULT } = query.value;
    res.json((await roomUsersPage(ctx, room, after, limit)) satisfies RoomUsersResponse);
  }));

  router.get('/rooms/:room/messages', guarded(ctx, async (req, res) => {
    const room = roomParam(req, res);
    if (!room) return;
    const query = parsePayload(messagesQuerySchema, req.query);
    if (!query.ok) return sendAckError(res, { code: 'invalid_payload', message: `${query.message}: since and before are whole numbers ≥ 0, limit is 1–200.` });
    const { since, before, limit = 50 } = query.value;
    const head = await stores.messages.head(room, false);
    const upto = before === undefined ? head.lastSeq : Math.min(before - 1, head.lastSeq);
    const window = await historyWindow(stores.messages, room, { ...head, lastSeq: upto }, since, { latest: limit, page: limit, bytes: ctx.config.maxAnswerBytes });
    res.json({ epoch: head.epoch, ...window } satisfies RoomMessagesResponse);
  }));

  router.post('/rooms/:room/messages', guarded(ctx, async (req, res) => {
    const user = await bearerUser(ctx, req);
    if (!user) return sendError(res, 401, 'unauthorized', 'Send "Authorization: Bearer <session token>" with a token from the session event.');
    const room = roomParam(req, res);
    if (!room) return;
    const body = parsePayload(postMessageBodySchema, req.body);
    if (!body.ok) return sendAckError(res, body);
    const { text, clientId, replyTo, mentions } = body.value;
    const result = await sendMessage(ctx, { room, text, clientId, user, via: 'http', ...(replyTo !== undefined ? { replyTo } : {}), ...(mentions !== undefined ? { mentions } : {}) });
    if (!result.ok) return sendAckError(res, result.error);
    res.status(201).json({ message: result.message, duplicate: result.duplicate } satisfies MessageResult);
  }));

  return router;
}
