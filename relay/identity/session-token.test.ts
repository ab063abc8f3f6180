import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { CLOCK_SKEW_MS, issueToken, TOKEN_LIFETIME_MS, verifyToken, verifyWithRotation } from './session-token.js';

const secret = 'a'.repeat(32);
const DAY_MS = 24 * 3600 * 1000;

/** A token with any payload, correctly signed: what someone holding the secret can make. */
function signed(payload: object, key = secret): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

describe('session tokens', () => {
  it('verify on any replica sharing the secret', () => {
    const token = issueToken(secret, 'user-1', 'Ada', 1000);
    expect(verifyToken(secret, token, 2000)).toMatchObject({ uid: 'user-1', name: 'Ada' });
  });

  it('reject forged, tampered, foreign, malformed and expired tokens', () => {
    const token = issueToken(secret, 'user-1', 'Ada', 1000);
    const [body, signature] = token.split('.') as [string, string];
    const otherBody = Buffer.from(JSON.stringify({ uid: 'admin', name: 'x', iat: 0, exp: 9e15 })).toString('base64url');
    for (const bad of [`${otherBody}.${signature}`, `${body}.${signature.slice(0, -2)}AA`, issueToken('b'.repeat(32), 'user-1', 'Ada', 1000), 'garbage', '', `${token}.extra`, 42, undefined]) {
      expect(verifyToken(secret, bad, 2000)).toBeUndefined();
    }
    expect(verifyToken(secret, token, 1000 + TOKEN_LIFETIME_MS + 1)).toBeUndefined();
  });

  it('refuse a lifetime beyond 30 days, even when correctly signed', () => {
    const now = Date.UTC(2026, 10, 1);
    expect(verifyToken(secret, signed({ uid: 'u', name: 'n', iat: now, exp: now + TOKEN_LIFETIME_MS }), now)).toMatchObject({ uid: 'u' });
    expect(verifyToken(secret, signed({ uid: 'u', name: 'n', iat: now, exp: now + TOKEN_LIFETIME_MS + 1 }), now)).toBeUndefined();
    expect(verifyToken(secret, signed({ uid: 'u', name: 'n', iat: now, exp: 4e15 }), now)).toBeUndefined();
    expect(verifyToken(secret, signed({ uid: 'u', name: 'n', iat: 0, exp: now + DAY_MS }), now)).toBeUndefined();
  });

  it('refuse a token issued in the future, beyond a minute of clock skew', () => {
    const now = Date.UTC(2026, 10, 1);
    const issuedAt = (iat: number) => signed({ uid: 'u', name: 'n', iat, exp: iat + DAY_MS });
    expect(verifyToken(secret, issuedAt(now + CLOCK_SKEW_MS), now)).toMatchObject({ uid: 'u' });
    expect(verifyToken(secret, issuedAt(now + CLOCK_SKEW_MS + 1), now)).toBeUndefined();
    expect(verifyToken(secret, issuedAt(now + 365 * DAY_MS), now)).toBeUndefined();
  });

  it('tell a previous-secret token (rotation) from a current one', () => {
    const previous = 'p'.repeat(32);
    const secrets = { secret, previousSecret: previous };
    expect(verifyWithRotation(secrets, issueToken(secret, 'u1', 'A'))).toMatchObject({ uid: 'u1', signedWith: 'current' });
    expect(verifyWithRotation(secrets, issueToken(previous, 'u2', 'B'))).toMatchObject({ uid: 'u2', signedWith: 'previous' });
    expect(verifyWithRotation({ secret, previousSecret: undefined }, issueToken(previous, 'u2', 'B'))).toBeUndefined();
  });
});
