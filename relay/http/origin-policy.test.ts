import { describe, expect, it } from 'vitest';
import { isOriginAllowed } from './origin-policy.js';

describe('origin policy', () => {
  it('allows requests without an Origin (native clients, scripts)', () => {
    expect(isOriginAllowed(undefined, 'relay.example:3000', [])).toBe(true);
  });
  it("allows the relay's own host and listed origins, refuses others", () => {
    expect(isOriginAllowed('http://relay.example:3000', 'relay.example:3000', [])).toBe(true);
    expect(isOriginAllowed('https://chat.example.com', 'relay.example:3000', ['https://chat.example.com'])).toBe(true);
    expect(isOriginAllowed('https://evil.example', 'relay.example:3000', ['https://chat.example.com'])).toBe(false);
    expect(isOriginAllowed('http://relay.example:3001', 'relay.example:3000', [])).toBe(false);
    expect(isOriginAllowed('not a url', 'relay.example:3000', [])).toBe(false);
  });
  it('allows the desktop app page, but not the opaque "null" origin unless listed', () => {
    expect(isOriginAllowed('relay-chat://app', 'relay.example:3000', [])).toBe(true);
    expect(isOriginAllowed('null', 'relay.example:3000', [])).toBe(false);
    expect(isOriginAllowed('null', 'relay.example:3000', ['null'])).toBe(true);
  });
});
