import { describe, expect, it } from 'vitest';
import { createRequestPolicy, isOriginAllowed, ownOrigin } from './origin-policy.js';

describe('origin policy', () => {
  const own = 'http://relay.example:3000';

  it('allows requests without an Origin (native clients, scripts)', () => {
    expect(isOriginAllowed(undefined, own, [])).toBe(true);
  });

  it("allows the relay's own origin (scheme, host and port) and listed origins, refuses others", () => {
    expect(isOriginAllowed('http://relay.example:3000', own, [])).toBe(true);
    expect(isOriginAllowed('https://chat.example.com', own, ['https://chat.example.com'])).toBe(true);
    expect(isOriginAllowed('https://evil.example', own, ['https://chat.example.com'])).toBe(false);
    expect(isOriginAllowed('http://relay.example:3001', own, [])).toBe(false);
    expect(isOriginAllowed('https://relay.example:3000', own, [])).toBe(false);
    expect(isOriginAllowed('not a url', own, [])).toBe(false);
  });

  it('allows the desktop app page, but not the opaque "null" origin unless listed', () => {
    expect(isOriginAllowed('relay-chat://app', own, [])).toBe(true);
    expect(isOriginAllowed('null', own, [])).toBe(false);
    expect(isOriginAllowed('null', own, ['null'])).toBe(true);
  });

  it('takes https as the own scheme only from a trusted proxy', () => {
    expect(ownOrigin('relay.example:3000', undefined, false)).toBe('http://relay.example:3000');
    expect(ownOrigin('chat.example.com', 'https', false)).toBe('http://chat.example.com');
    expect(ownOrigin('chat.example.com', 'https, http', true)).toBe('https://chat.example.com');
    expect(ownOrigin('chat.example.com:443', 'HTTPS', true)).toBe('https://chat.example.com');
    expect(ownOrigin(undefined, 'https', true)).toBeUndefined();
  });
});

describe('request policy (Host, then Origin)', () => {
  const loopback = createRequestPolicy({ host: '127.0.0.1', allowedHosts: [], allowedOrigins: [], trustProxy: false });

  it('on a loopback relay answers loopback names and addresses only (no DNS rebinding)', () => {
    for (const host of ['localhost:3000', 'LOCALHOST', 'app.localhost:3000', '127.0.0.1:3000', '127.1.2.3', '[::1]:3000', 'localhost.:3000', undefined]) {
      expect(loopback({ host }), String(host)).toBeUndefined();
    }
    for (const host of ['evil.example:3000', 'localhost.evil.example', 'user@localhost', 'localhost/x', '0x7f.1']) {
      expect(loopback({ host }), host).toMatchObject({ code: 'forbidden_host', message: expect.stringMatching(/ALLOWED_HOSTS/) });
    }
    // A rebound page sends its own name as Host and as Origin: the Host check stops it.
    expect(loopback({ host: 'evil.example:3000', origin: 'http://evil.example:3000' })).toMatchObject({ code: 'forbidden_host' });
  });

  it('answers the names in ALLOWED_HOSTS (any port) and IP addresses', () => {
    const listed = createRequestPolicy({ host: '0.0.0.0', allowedHosts: ['chat.example.com'], allowedOrigins: [], trustProxy: true });
    for (const host of ['chat.example.com', 'Chat.Example.com:8443', '10.1.2.3:3000', '[fd00::1]:3000', 'localhost:3000']) expect(listed({ host }), host).toBeUndefined();
    expect(listed({ host: 'other.example.com' })).toMatchObject({ code: 'forbidden_host' });
  });

  it('answers any Host when bound beyond loopback without ALLOWED_HOSTS', () => {
    const open = createRequestPolicy({ host: '0.0.0.0', allowedHosts: [], allowedOrigins: [], trustProxy: false });
    expect(open({ host: 'anything.example' })).toBeUndefined();
  });

  it("refuses an https page on an http relay, and accepts it when a trusted proxy says the relay is reached with https", () => {
    expect(loopback({ host: 'localhost:3000', origin: 'https://localhost:3000' })).toMatchObject({ code: 'forbidden_origin' });
    expect(loopback({ host: 'localhost:3000', origin: 'http://localhost:3000' })).toBeUndefined();
    const proxied = createRequestPolicy({ host: '0.0.0.0', allowedHosts: ['chat.example.com'], allowedOrigins: [], trustProxy: true });
    expect(proxied({ host: 'chat.example.com', origin: 'https://chat.example.com', 'x-forwarded-proto': 'https' })).toBeUndefined();
    expect(proxied({ host: 'chat.example.com', origin: 'https://chat.example.com' })).toMatchObject({ code: 'forbidden_origin' });
    expect(proxied({ host: 'chat.example.com', origin: 'http://chat.example.com', 'x-forwarded-proto': 'https' })).toMatchObject({ code: 'forbidden_origin' });
  });
});
