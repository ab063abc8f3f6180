import type { Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { isPermissionGranted, restrictPermissions } from './permissions.js';

describe('permissions', () => {
  it('denies camera, microphone, location, notifications and the rest', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fileSystem', 'hid', 'serial', 'usb']) {
      expect(isPermissionGranted(permission), permission).toBe(false);
    }
  });

  it('allows writing text to the clipboard', () => {
    expect(isPermissionGranted('clipboard-sanitized-write')).toBe(true);
  });

  it('installs both the request and the check handler on the session', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    restrictPermissions(session as unknown as Session);
    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as (c: unknown, p: string, cb: (ok: boolean) => void) => void;
    const check = session.setPermissionCheckHandler.mock.calls[0]![0] as (c: unknown, p: string) => boolean;
    const callback = vi.fn();
    request(null, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(check(null, 'geolocation')).toBe(false);
  });
});
