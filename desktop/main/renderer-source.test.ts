import { describe, expect, it } from 'vitest';
import { resolveRendererSource } from './renderer-source.js';

describe('resolveRendererSource', () => {
  it('loads the bundled build by default', () => {
    expect(resolveRendererSource({ isPackaged: false, devServerUrl: undefined })).toEqual({
      kind: 'bundled',
      url: 'relay-chat://app/index.html',
      origin: 'relay-chat://app',
    });
  });

  it('loads the local dev server in an unpackaged run that asks for it', () => {
    expect(resolveRendererSource({ isPackaged: false, devServerUrl: 'http://localhost:5173' })).toEqual({
      kind: 'dev-server',
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    });
  });

  it('ignores the dev server variable in an installed app', () => {
    expect(resolveRendererSource({ isPackaged: true, devServerUrl: 'http://localhost:5173' }).kind).toBe('bundled');
  });

  it('refuses a dev server that is not on this computer', () => {
    for (const devServerUrl of ['https://evil.example', 'http://192.168.0.2:5173', 'file:///tmp/index.html', 'nonsense']) {
      expect(() => resolveRendererSource({ isPackaged: false, devServerUrl }), devServerUrl).toThrow(/DESKTOP_DEV_SERVER_URL/);
    }
  });
});
