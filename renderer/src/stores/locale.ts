import { defineStore } from 'pinia';
import { inject, ref } from 'vue';
import { STORAGE_KEYS } from '../core/storage-keys.js';
import { type Locale, type MessageKey } from '../i18n/messages.js';
import { errorText, isLocale, pickLocale, translate, type Params } from '../i18n/translate.js';
import { APP_STORAGE, PREFERRED_LANGUAGES, required } from './injection-keys.js';

/** The UI language: the user's explicit choice if any, else the browser/OS languages. */
export const useLocaleStore = defineStore('locale', () => {
  const storage = required(inject(APP_STORAGE), 'APP_STORAGE');
  const chosen = storage.getItem(STORAGE_KEYS.locale);
  const locale = ref<Locale>(isLocale(chosen) ? chosen : pickLocale(inject(PREFERRED_LANGUAGES, ['en'])));

  function setLocale(next: Locale): void {
    locale.value = next;
    storage.setItem(STORAGE_KEYS.locale, next);
  }

  function t(key: MessageKey, params?: Params): string {
    return translate(locale.value, key, params);
  }

  function te(error: { code: string; message: string }): string {
    return errorText(locale.value, error);
  }

  return { locale, setLocale, t, te };
});
