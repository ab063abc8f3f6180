import { describe, expect, it } from 'vitest';
import { originOf } from './url-origin.js';

describe('originOf', () => {
  it('gives scheme and host of web and custom-scheme URLs', () => {
    expect(originOf('https://chat.example.com/a/b?c#d')).toBe('https://chat.example.com');
    expect(originOf('http://localhost:3000/')).toBe('http://localhost:3000');
    expect(originOf('relay-chat://app/index.html')).toBe('relay-chat://app');
  });

  it('keeps custom-scheme hosts apart, where URL.origin would call both "null"', () => {
    expect(originOf('relay-chat://app/x')).not.toBe(originOf('relay-chat://settings/x'));
  });

  it('is null for URLs without a host and for unparsable text', () => {
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('mailto:a@b.c')).toBeNull();
    expect(originOf('data:text/html,hi')).toBeNull();
    expect(originOf('not a url')).toBeNull();
    expect(originOf('file:///etc/passwd')).toBeNull();
  });
});
