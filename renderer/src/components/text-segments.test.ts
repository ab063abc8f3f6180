import { describe, expect, it } from 'vitest';
import { splitLinks } from './text-segments.js';

describe('splitLinks', () => {
  it('turns http and https URLs into links and leaves the sentence punctuation outside', () => {
    expect(splitLinks('see https://example.org/a?b=1, then http://x.test.')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
      { kind: 'text', text: ', then ' },
      { kind: 'link', text: 'http://x.test', href: 'http://x.test/' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('never links other schemes', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'JaVaScRiPt://%0aalert(1)']) {
      expect(splitLinks(text)).toEqual([{ kind: 'text', text }]);
    }
  });
});
