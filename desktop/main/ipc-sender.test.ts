import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './ipc-sender.js';

const TRUSTED = ['relay-chat://app'];
const top = (url: string) => ({ url, parent: null });

describe('isTrustedSender', () => {
  it('trusts the top frame of our own page', () => {
    expect(isTrustedSender(top('relay-chat://app/index.html'), TRUSTED)).toBe(true);
    expect(isTrustedSender(top('relay-chat://app/index.html#room'), TRUSTED)).toBe(true);
  });

  it('refuses other origins, including our other page and look-alikes', () => {
    expect(isTrustedSender(top('relay-chat://settings/settings.html'), TRUSTED)).toBe(false);
    expect(isTrustedSender(top('https://evil.example/'), TRUSTED)).toBe(false);
    expect(isTrustedSender(top('relay-chat://app.evil/index.html'), TRUSTED)).toBe(false);
    expect(isTrustedSender(top('file:///tmp/index.html'), TRUSTED)).toBe(false);
    expect(isTrustedSender(top('about:blank'), TRUSTED)).toBe(false);
  });

  it('refuses subframes even when they share the origin', () => {
    expect(isTrustedSender({ url: 'relay-chat://app/index.html', parent: top('relay-chat://app/') }, TRUSTED)).toBe(false);
  });

  it('refuses a message whose frame is gone', () => {
    expect(isTrustedSender(null, TRUSTED)).toBe(false);
    expect(isTrustedSender(undefined, TRUSTED)).toBe(false);
  });
});
