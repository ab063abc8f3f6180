// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { stringsFor } from './locale/strings.js';
import { wireSettingsForm, type SettingsFormApi } from './settings-form.js';

// happy-dom replaces the global URL class, so the path is built from the file URL string.
const page = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'settings', 'settings.html'), 'utf8');

beforeEach(() => {
  // Only the body: happy-dom would try to fetch the stylesheet linked in the head.
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(page)![1]!;
});

function fakeApi(overrides: Partial<SettingsFormApi> = {}) {
  return {
    load: vi.fn(async () => ({ relayUrl: 'http://localhost:3000' })),
    save: vi.fn<SettingsFormApi['save']>(async (relayUrl) => ({ ok: true, settings: { relayUrl } })),
    close: vi.fn(),
    ...overrides,
  };
}

const input = () => document.querySelector<HTMLInputElement>('#relay-url')!;
const error = () => document.querySelector<HTMLElement>('#relay-url-error')!;
const submit = () => document.querySelector<HTMLFormElement>('#settings-form')!.requestSubmit();
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('wireSettingsForm', () => {
  it('shows the current relay address, labelled in the user language', async () => {
    await wireSettingsForm(document, fakeApi(), stringsFor('de'));
    expect(input().value).toBe('http://localhost:3000');
    expect(document.querySelector('label[for="relay-url"]')?.textContent).toBe('Relay-Adresse');
    expect(document.querySelector('#save')?.textContent).toBe('Speichern');
    expect(document.title).toBe('Einstellungen');
    expect(document.documentElement.lang).toBe('de');
  });

  it('saves what the user typed and closes the window', async () => {
    const api = fakeApi();
    await wireSettingsForm(document, api, stringsFor('en'));
    input().value = 'https://chat.example.com';
    submit();
    await settle();
    expect(api.save).toHaveBeenCalledWith('https://chat.example.com');
    expect(api.close).toHaveBeenCalledOnce();
  });

  it('keeps the window open and explains a refused address next to the field', async () => {
    const api = fakeApi({
      save: vi.fn(async () => ({ ok: false as const, error: { code: 'insecure_remote' as const, message: 'English' } })),
    });
    await wireSettingsForm(document, api, stringsFor('de'));
    input().value = 'http://chat.example.com';
    submit();
    await settle();
    expect(api.close).not.toHaveBeenCalled();
    expect(error().hidden).toBe(false);
    expect(error().textContent).toBe(stringsFor('de').settings.errors.insecure_remote);
    expect(input().getAttribute('aria-invalid')).toBe('true');
  });

  it('says so when saving fails, and lets the user try again', async () => {
    const api = fakeApi({ save: vi.fn(async () => Promise.reject(new Error('disk full'))) });
    await wireSettingsForm(document, api, stringsFor('en'));
    submit();
    await settle();
    expect(error().textContent).toBe(stringsFor('en').settings.saveFailed);
    expect(document.querySelector<HTMLButtonElement>('#save')!.disabled).toBe(false);
  });

  it('closes on Cancel and on Escape without saving', async () => {
    const api = fakeApi();
    await wireSettingsForm(document, api, stringsFor('en'));
    document.querySelector<HTMLButtonElement>('#cancel')!.click();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(api.close).toHaveBeenCalledTimes(2);
    expect(api.save).not.toHaveBeenCalled();
  });
});
