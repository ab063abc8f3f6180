import { CATALOGS, LOCALES, type Locale, type MessageKey } from './messages.js';

export type Params = Readonly<Record<string, string | number>>;

/** Fills `{name}` placeholders. Values are plain text: the views render them as text, never HTML. */
export function translate(locale: Locale, key: MessageKey, params: Params = {}): string {
  return CATALOGS[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The first of the user's preferred languages we speak; English otherwise. */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    const match = LOCALES.find((l) => l === base);
    if (match) return match;
  }
  return 'en';
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A client error in the UI language when we know its code, else the relay's own sentence. */
export function errorText(locale: Locale, error: { code: string; message: string }): string {
  const key = `error.${error.code}`;
  return key in CATALOGS[locale] ? translate(locale, key as MessageKey) : error.message;
}

export type TemplatePart = { text: string } | { param: string };

/**
 * A message template cut at its `{placeholders}`, for views that render a parameter as an
 * element (a name in a <bdi> with its badge) instead of pasting it into the string.
 */
export function translateParts(locale: Locale, key: MessageKey): TemplatePart[] {
  return CATALOGS[locale][key]
    .split(/(\{\w+\})/)
    .filter((piece) => piece !== '')
    .map((piece) => (/^\{\w+\}$/.test(piece) ? { param: piece.slice(1, -1) } : { text: piece }));
}
