import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openSettingsStore, parseSettings } from './settings.js';

const defaults = { relayUrl: 'http://localhost:3000' };
let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'settings-'));
  file = join(dir, 'settings.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('parseSettings', () => {
  it('normalizes a valid relay URL', () => {
    expect(parseSettings({ relayUrl: 'https://chat.example.com/' })).toEqual({
      ok: true,
      settings: { relayUrl: 'https://chat.example.com' },
    });
  });

  it('drops unknown keys', () => {
    expect(parseSettings({ relayUrl: 'https://a.example', nodeIntegration: true })).toEqual({
      ok: true,
      settings: { relayUrl: 'https://a.example' },
    });
  });

  it('reports the rule that was broken', () => {
    expect(parseSettings({ relayUrl: 'http://chat.example.com' })).toMatchObject({
      ok: false,
      error: { code: 'insecure_remote' },
    });
  });

  it('refuses input that is not a settings object', () => {
    for (const input of [null, 'https://a.example', {}, { relayUrl: 42 }]) {
      expect(parseSettings(input), JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'invalid_url' } });
    }
  });
});

describe('openSettingsStore', () => {
  it('starts from the defaults when there is no file yet', async () => {
    const store = await openSettingsStore({ file, defaults, warn: vi.fn() });
    expect(store.current()).toEqual(defaults);
  });

  it('saves to the user data file and loads it on the next start', async () => {
    const first = await openSettingsStore({ file, defaults, warn: vi.fn() });
    expect(await first.save({ relayUrl: 'https://chat.example.com/' })).toMatchObject({ ok: true });
    expect(first.current()).toEqual({ relayUrl: 'https://chat.example.com' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ relayUrl: 'https://chat.example.com' });

    const second = await openSettingsStore({ file, defaults, warn: vi.fn() });
    expect(second.current()).toEqual({ relayUrl: 'https://chat.example.com' });
  });

  it('keeps the current settings and the file when a save is invalid', async () => {
    const store = await openSettingsStore({ file, defaults, warn: vi.fn() });
    await store.save({ relayUrl: 'https://good.example' });
    expect(await store.save({ relayUrl: 'file:///etc' })).toMatchObject({ ok: false });
    expect(store.current()).toEqual({ relayUrl: 'https://good.example' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ relayUrl: 'https://good.example' });
  });

  it('falls back to the defaults, with a warning, on a broken or tampered file', async () => {
    for (const content of ['{"relayUrl":', JSON.stringify({ relayUrl: 'http://evil.example' })]) {
      await writeFile(file, content);
      const warn = vi.fn();
      const store = await openSettingsStore({ file, defaults, warn });
      expect(store.current()).toEqual(defaults);
      expect(warn).toHaveBeenCalledOnce();
    }
  });
});
