import type { DesktopSettings } from '../shared/desktop-bridge.js';
import type { DesktopStrings } from './locale/strings.js';
import type { SaveSettingsResult } from './main/settings.js';

export interface SettingsFormApi {
  load(): Promise<DesktopSettings>;
  save(relayUrl: string): Promise<SaveSettingsResult>;
  close(): void;
}

function element<T extends HTMLElement>(doc: Document, selector: string): T {
  const found = doc.querySelector<T>(selector);
  if (found === null) throw new Error(`settings.html has no ${selector}`);
  return found;
}

/**
 * Runs the settings page from its preload (the page itself runs no script). Texts go in with
 * textContent only. The main process validates again; this just shows its verdict next to the
 * field, in the user's language, and closes the window once the settings are stored.
 */
export function wireSettingsForm(doc: Document, api: SettingsFormApi, { lang, settings: strings }: DesktopStrings): Promise<void> {
  const form = element<HTMLFormElement>(doc, '#settings-form');
  const input = element<HTMLInputElement>(doc, '#relay-url');
  const error = element<HTMLElement>(doc, '#relay-url-error');
  const save = element<HTMLButtonElement>(doc, '#save');
  const cancel = element<HTMLButtonElement>(doc, '#cancel');

  doc.documentElement.lang = lang;
  doc.title = strings.title;
  for (const node of doc.querySelectorAll<HTMLElement>('[data-text]')) {
    const key = node.dataset.text as keyof DesktopStrings['settings'];
    const text = strings[key];
    if (typeof text === 'string') node.textContent = text;
  }

  const showError = (message: string | null) => {
    error.textContent = message ?? '';
    error.hidden = message === null;
    input.setAttribute('aria-invalid', message === null ? 'false' : 'true');
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    save.disabled = true;
    showError(null);
    api
      .save(input.value)
      .then((result) => {
        if (result.ok) {
          api.close();
          return;
        }
        showError(strings.errors[result.error.code]);
        input.focus();
      })
      .catch(() => showError(strings.saveFailed))
      .finally(() => {
        save.disabled = false;
      });
  });
  cancel.addEventListener('click', () => api.close());
  doc.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') api.close();
  });

  return api.load().then(
    (settings) => {
      input.value = settings.relayUrl;
      input.select();
      input.focus();
    },
    () => showError(strings.saveFailed),
  );
}
