import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Session tokens: `base64url(payload).base64url(hmac-sha256)`. Signed with RELAY_SECRET so every
 * replica verifies a token any replica issued, without a shared session table. The name inside
 * is only a fallback for when the central name store has lost it.
 */
const payloadSchema = z.object({ uid: z.string().min(1).max(64), name: z.string().max(200), iat: z.number(), exp: z.number() });
export type TokenPayload = z.infer<typeof payloadSchema>;

export const TOKEN_LIFETIME_MS = 30 * 24 * 3600 * 1000;

function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

export function issueToken(secret: string, uid: string, name: string, now = Date.now()): string {
  const payload: TokenPayload = { uid, name, iat: now, exp: now + TOKEN_LIFETIME_MS };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

/** The payload of a valid, unexpired token, else undefined (malformed, forged and expired alike). */
export function verifyToken(secret: string, token: unknown, now = Date.now()): TokenPayload | undefined {
  if (typeof token !== 'string' || token.length > 2048) return undefined;
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const payload = payloadSchema.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    return payload.exp > now ? payload : undefined;
  } catch {
    return undefined;
  }
}

/** Verifies with the current secret, then with the previous one (during a secret rotation). */
export function verifyWithRotation(secrets: { secret: string; previousSecret: string | undefined }, token: unknown): TokenPayload | undefined {
  return verifyToken(secrets.secret, token) ?? (secrets.previousSecret ? verifyToken(secrets.previousSecret, token) : undefined);
}
