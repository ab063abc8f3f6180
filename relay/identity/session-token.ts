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
/** How far a replica's clock may run ahead of the one that issued a token. */
export const CLOCK_SKEW_MS = 60_000;

function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

export function issueToken(secret: string, uid: string, name: string, now = Date.now()): string {
  const payload: TokenPayload = { uid, name, iat: now, exp: now + TOKEN_LIFETIME_MS };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

/**
 * The payload of a valid, unexpired token, else undefined (malformed, forged and expired alike).
 * A token is also refused when it claims to be issued in the future (beyond the clock skew) or to
 * live longer than TOKEN_LIFETIME_MS: no replica issues such a token, so whoever made it holds the
 * secret, and a bounded lifetime limits what a leaked secret keeps enabling once it is replaced.
 */
export function verifyToken(secret: string, token: unknown, now = Date.now()): TokenPayload | undefined {
  if (typeof token !== 'string' || token.length > 2048) return undefined;
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const payload = payloadSchema.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    const plausible = payload.iat <= now + CLOCK_SKEW_MS && payload.exp - payload.iat <= TOKEN_LIFETIME_MS;
    return plausible && payload.exp > now ? payload : undefined;
  } catch {
    return undefined;
  }
}

export type VerifiedToken = TokenPayload & {
  /** "previous": signed with RELAY_SECRET_PREVIOUS, i.e. issued before the secret was rotated. */
  signedWith: 'current' | 'previous';
};

/**
 * Verifies with the current secret, then with the previous one (during a planned rotation). The
 * caller learns which one matched: a previous-secret token that resumes is re-issued under the
 * current secret, which also upgrades a token forged with a leaked old secret — see
 * docs/security.md ("Rotating RELAY_SECRET").
 */
export function verifyWithRotation(secrets: { secret: string; previousSecret: string | undefined }, token: unknown, now = Date.now()): VerifiedToken | undefined {
  // Object.assign on the freshly parsed payload, not a spread plus a property: every resuming
  // connection (a whole replica's worth in a reconnect storm) passes here, and Node 20 is slow at
  // the spread form (see RedisMessageStore.entryInput).
  const current = verifyToken(secrets.secret, token, now);
  if (current) return Object.assign(current, { signedWith: 'current' as const });
  const previous = secrets.previousSecret ? verifyToken(secrets.previousSecret, token, now) : undefined;
  return previous && Object.assign(previous, { signedWith: 'previous' as const });
}
