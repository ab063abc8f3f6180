import { describe, expect, it } from 'vitest';
import { CATALOGS } from './messages.js';
import { pickLocale, translate, translateParts } from './translate.js';

describe('translate', () => {
  it('fills placeholders and keeps unknown ones visible', () => {
    expect(translate('en', 'notice.renamed', { previous: 'Ada', name: 'Grace' })).toBe('Ada is now Grace');
    expect(translate('de', 'typing.one', {})).toBe('{name} schreibt…');
  });

  it('uses the exact accessible names the tests and screen readers rely on in English', () => {
    expect(['composer.label', 'users.label', 'name.change', 'name.label'].map((k) => translate('en', k as never))).toEqual([
      'Message',
      'Online users',
      'Change name',
      'Display name',
    ]);
  });

  it('has a German text for every English key', () => {
    expect(Object.keys(CATALOGS.de).sort()).toEqual(Object.keys(CATALOGS.en).sort());
    expect(translate('de', 'composer.label')).toBe('Nachricht');
  });

  it('follows the browser languages, falling back to English', () => {
    expect(pickLocale(['de-CH', 'en'])).toBe('de');
    expect(pickLocale(['fr-FR', 'en-GB'])).toBe('en');
    expect(pickLocale(['fr'])).toBe('en');
  });
});

describe('translateParts', () => {
  it('cuts a template at its placeholders, in the order the language puts them', () => {
    expect(translateParts('en', 'notice.renamed')).toEqual([{ param: 'previous' }, { text: ' is now ' }, { param: 'name' }]);
    expect(translateParts('de', 'typing.one')).toEqual([{ param: 'name' }, { text: ' schreibt…' }]);
  });
});
