import { describe, expect, it } from 'vitest';
import { checkRelayUrl } from './relay-url.js';

describe('checkRelayUrl', () => {
  it('accepts https relays and local http ones, normalized to the origin', () => {
    expect(checkRelayUrl('https://chat.example.com')).toEqual({ ok: true, value: 'https://chat.example.com' });
    expect(checkRelayUrl(' https://chat.example.com:8443/ ')).toEqual({ ok: true, value: 'https://chat.example.com:8443' });
    expect(checkRelayUrl('http://localhost:3000')).toEqual({ ok: true, value: 'http://localhost:3000' });
    expect(checkRelayUrl('http://127.0.0.1:3000/')).toEqual({ ok: true, value: 'http://127.0.0.1:3000' });
    expect(checkRelayUrl('http://[::1]:3000')).toEqual({ ok: true, value: 'http://[::1]:3000' });
  });

  it('names the problem with a code and a sentence the user can act on', () => {
    const cases: Array<[string, string]> = [
      ['', 'invalid_url'],
      ['chat.example.com', 'invalid_url'],
      ['ftp://chat.example.com', 'unsupported_protocol'],
      ['javascript:alert(1)', 'unsupported_protocol'],
      ['ws://localhost:3000', 'unsupported_protocol'],
      ['http://chat.example.com', 'insecure_remote'],
      ['http://192.168.1.5:3000', 'insecure_remote'],
      ['https://chat.example.com/relay', 'not_an_origin'],
      ['https://chat.example.com/?x=1', 'not_an_origin'],
      ['https://user:pw@chat.example.com', 'not_an_origin'],
    ];
    for (const [input, code] of cases) {
      const result = checkRelayUrl(input);
      expect(result, input).toMatchObject({ ok: false, code });
      if (!result.ok) expect(result.message.length).toBeGreaterThan(20);
    }
  });
});
