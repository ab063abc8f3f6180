import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ERROR_MESSAGES, type ErrorBody, type ErrorCode } from '../../shared/index.js';
import type { Logger } from '../logger.js';

export function sendError(res: Response, status: number, code: ErrorBody['code'], message: string): void {
  res.status(status).json({ error: { code, message } });
}

/** The HTTP status of each ack error code, for routes that reuse socket logic. */
export const STATUS_OF: Record<ErrorCode, number> = {
  invalid_payload: 400,
  invalid_name: 400,
  invalid_room: 400,
  empty_message: 400,
  message_too_long: 400,
  not_in_room: 400,
  rate_limited: 429,
  unavailable: 503,
  room_limit: 507,
  forbidden: 403,
  not_found: 404,
  too_late: 403,
  invalid_emoji: 400,
  too_many_reactions: 409,
};

export function sendAckError(res: Response, error: { code: ErrorCode; message: string }): void {
  sendError(res, STATUS_OF[error.code], error.code, error.message || ERROR_MESSAGES[error.code]);
}

export const notFound: RequestHandler = (req, res) => {
  sendError(res, 404, 'not_found', `No route ${req.method} ${req.path}. See GET /api/rooms and the protocol's HTTP API.`);
};

/** Last in the chain: body-parser failures get their proper codes; nothing leaks a stack trace. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const status = typeof error === 'object' && error !== null && 'status' in error ? Number((error as { status: unknown }).status) : 500;
    const type = typeof error === 'object' && error !== null && 'type' in error ? String((error as { type: unknown }).type) : '';
    if (res.headersSent) return;
    if (status === 413) return sendError(res, 413, 'payload_too_large', 'The request body is larger than 64 KiB.');
    if (type === 'entity.parse.failed') return sendError(res, 400, 'invalid_payload', 'The body is not valid JSON.');
    if (status === 400) return sendError(res, 400, 'invalid_payload', 'The request could not be read: check the URL encoding and the body.');
    if (status === 415 || type === 'encoding.unsupported' || type === 'charset.unsupported') return sendError(res, 400, 'invalid_payload', 'Send the body as UTF-8 JSON.');
    logger.error({ err: error, method: req.method, path: req.path }, 'unhandled HTTP error');
    sendError(res, 500, 'internal', 'The relay failed to answer this request; it has been logged. Try again.');
  };
}
