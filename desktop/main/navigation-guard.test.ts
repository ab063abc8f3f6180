import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { decideNavigation, decideWindowOpen, guardWebContents, isSafeExternalUrl } from './navigation-guard.js';

const APP = ['relay-chat://app'];

describe('isSafeExternalUrl', () => {
  it('accepts web and mail links', () => {
    expect(isSafeExternalUrl('https://example.com/a?b')).toBe(true);
    expect(isSafeExternalUrl('http://example.com')).toBe(true);
    expect(isSafeExternalUrl('mailto:someone@example.com')).toBe(true);
  });

  it('refuses links that could run or read something local', () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-msdt:/id',
      'relay-chat://app/index.html',
      'data:text/html,<script>1</script>',
      'not a url',
      '',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});

describe('decideNavigation', () => {
  it('allows navigation inside the app origin only', () => {
    expect(decideNavigation('relay-chat://app/index.html', APP)).toEqual({ action: 'allow' });
    expect(decideNavigation('relay-chat://settings/settings.html', APP)).toEqual({
      action: 'deny',
      openExternally: false,
    });
  });

  it('denies leaving the app and sends web links to the browser', () => {
    expect(decideNavigation('https://evil.example/phish', APP)).toEqual({ action: 'deny', openExternally: true });
    expect(decideNavigation('file:///home/user/.ssh/id_rsa', APP)).toEqual({ action: 'deny', openExternally: false });
  });

  it('treats a look-alike host as foreign', () => {
    expect(decideNavigation('relay-chat://app.evil/index.html', APP).action).toBe('deny');
    expect(decideNavigation('http://localhost:51730/', ['http://localhost:5173']).action).toBe('deny');
  });
});

describe('decideWindowOpen', () => {
  it('never opens an app window', () => {
    expect(decideWindowOpen('https://example.com')).toEqual({ action: 'deny', openExternally: true });
    expect(decideWindowOpen('relay-chat://app/index.html')).toEqual({ action: 'deny', openExternally: false });
  });
});

type Listener = (event: { url: string; preventDefault(): void }) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on(name: string, listener: Listener) {
      listeners.set(name, listener);
      return contents;
    },
    setWindowOpenHandler(handler: typeof openHandler) {
      openHandler = handler;
    },
  };
  const fire = (name: string, url: string) => {
    const event = { url, preventDefault: vi.fn() };
    listeners.get(name)?.(event);
    return event.preventDefault.mock.calls.length > 0;
  };
  return { contents: contents as unknown as WebContents, fire, open: (url: string) => openHandler?.({ url }) };
}

describe('guardWebContents', () => {
  it('blocks navigation away, opening only safe links externally', () => {
    const openExternal = vi.fn();
    const { contents, fire } = fakeContents();
    guardWebContents(contents, { appOrigins: APP, openExternal });

    expect(fire('will-navigate', 'relay-chat://app/index.html')).toBe(false);
    expect(fire('will-navigate', 'https://example.com/')).toBe(true);
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(openExternal.mock.calls).toEqual([['https://example.com/']]);
  });

  it('blocks redirects out of the app without opening them, and every webview', () => {
    const openExternal = vi.fn();
    const { contents, fire } = fakeContents();
    guardWebContents(contents, { appOrigins: APP, openExternal });

    expect(fire('will-redirect', 'https://example.com/')).toBe(true);
    expect(fire('will-attach-webview', 'relay-chat://app/index.html')).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('denies every window.open, passing only safe links to the browser', () => {
    const openExternal = vi.fn();
    const { contents, open } = fakeContents();
    guardWebContents(contents, { appOrigins: APP, openExternal });

    expect(open('https://example.com/')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(open('relay-chat://app/index.html')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://example.com/']]);
  });
});
