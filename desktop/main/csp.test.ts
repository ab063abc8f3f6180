import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildRendererCsp, SETTINGS_PAGE_CSP } from './csp.js';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('buildRendererCsp', () => {
  it('lets the page connect to the configured relay over http and ws and to the name service, nowhere else', () => {
    const csp = directives(buildRendererCsp({ relayUrl: 'http://localhost:3000' }));
    expect(csp.get('connect-src')).toEqual(["'self'", 'http://localhost:3000', 'ws://localhost:3000', 'https://randomuser.me']);
  });

  it('pairs an https relay with wss', () => {
    const csp = directives(buildRendererCsp({ relayUrl: 'https://chat.example.com' }));
    expect(csp.get('connect-src')).toEqual(["'self'", 'https://chat.example.com', 'wss://chat.example.com', 'https://randomuser.me']);
  });

  it('allows scripts only from the app itself: no inline, no eval, no remote', () => {
    const csp = directives(buildRendererCsp({ relayUrl: 'https://chat.example.com' }));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
  });

  it('runs no workers (the web page\'s service worker is not for the desktop app) but reads its own web manifest', () => {
    const csp = directives(buildRendererCsp({ relayUrl: 'https://chat.example.com' }));
    expect(csp.get('worker-src')).toEqual(["'none'"]);
    expect(csp.get('manifest-src')).toEqual(["'self'"]);
  });

  it('adds the dev server websocket for hot reload only when given', () => {
    const csp = directives(
      buildRendererCsp({ relayUrl: 'http://localhost:3000', devServerUrl: 'http://localhost:5173/' }),
    );
    expect(csp.get('connect-src')).toContain('ws://localhost:5173');
    expect(buildRendererCsp({ relayUrl: 'http://localhost:3000' })).not.toContain('5173');
  });
});

describe('SETTINGS_PAGE_CSP', () => {
  it('runs no script and submits no form', () => {
    const csp = directives(SETTINGS_PAGE_CSP);
    expect(csp.get('script-src')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.has('connect-src')).toBe(false);
  });

  it('is also what settings.html declares in its meta tag (frame-ancestors only works as a header)', () => {
    const html = readFileSync(new URL('../settings/settings.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const header = directives(SETTINGS_PAGE_CSP);
    header.delete('frame-ancestors');
    expect(directives(meta!)).toEqual(header);
  });
});
