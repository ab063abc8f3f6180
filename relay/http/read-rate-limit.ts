import type { Request, RequestHandler } from 'express';
import { LocalRateLimiter } from '../limits/local-rate-limiter.js';
import { sendError } from './http-errors.js';

/**
 * Per client address, a token bucket for the HTTP reads (history, users, rooms). They need no
 * token, and a page of long messages is half a MB for a request of 67 bytes: unthrottled, one
 * address can keep a replica busy serialising pages while its sockets and /healthz wait.
 * `ratePerSec` 0 turns the limit off. Beyond it: 429 with `Retry-After` (whole seconds).
 */
export function readRateLimit(ratePerSec: number, addressOf: (req: Request) => string, onLimited: () => void): RequestHandler {
  if (ratePerSec <= 0) return (_req, _res, next) => next();
  const buckets = new LocalRateLimiter(ratePerSec, ratePerSec * 2);
  return (req, res, next) => {
    if (req.method !== 'GET') return next();
    const address = addressOf(req);
    if (buckets.take(address)) return next();
    onLimited();
    res.set('Retry-After', String(Math.max(1, Math.ceil(buckets.waitMs(address) / 1000))));
    sendError(res, 429, 'rate_limited', `Too many reads from your address: at most ${ratePerSec} a second. Wait for the Retry-After seconds, then read again.`);
  };
}
