import { describe, expect, it } from 'vitest';
import { stringsFor } from './strings.js';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keysOf(inner, `${prefix}.${key}`));
}

describe('stringsFor', () => {
  it('follows the OS language: German for any German locale, English otherwise', () => {
    expect(stringsFor('de-CH').menu.quit).toBe('Beenden');
    expect(stringsFor('DE').menu.quit).toBe('Beenden');
    expect(stringsFor('en-US').menu.quit).toBe('Quit');
    expect(stringsFor('fr').menu.quit).toBe('Quit');
  });

  it('has every text in both languages, none empty', () => {
    const en = stringsFor('en');
    const de = stringsFor('de');
    expect(keysOf(de)).toEqual(keysOf(en));
    for (const strings of [en, de]) {
      for (const key of keysOf(strings)) {
        const value = key.split('.').slice(1).reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], strings);
        if (typeof value === 'string') expect(value.trim(), key).not.toBe('');
      }
    }
  });

  it('mentions the unread count in the tray tooltip only when there is one', () => {
    expect(stringsFor('en').tray.tooltip(0)).toBe('Relay Chat');
    expect(stringsFor('en').tray.tooltip(3)).toBe('Relay Chat – 3 unread');
    expect(stringsFor('de').tray.tooltip(3)).toBe('Relay Chat – 3 ungelesen');
  });
});
