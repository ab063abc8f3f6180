import { describe, expect, it } from 'vitest';
import { issueToken, TOKEN_LIFETIME_MS, verifyToken } from './session-token.js';

const secret = 'a'.repeat(32);

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
});
