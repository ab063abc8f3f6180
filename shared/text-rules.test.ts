import { describe, expect, it } from 'vitest';
import { UNREADABLE_NAMES } from './testing/unreadable-names.js';
import { checkName } from './text-rules.js';

describe('name rules', () => {
  it.each(UNREADABLE_NAMES)('refuses %s', (_label, name) => {
    expect(checkName(name)).toEqual({ ok: false, code: 'invalid_name' });
  });

  it('accepts names in one script per word, emoji sequences and up to two marks in a row', () => {
    for (const name of ['Alice', 'Алиса', 'Αλίκη', 'Alice Алиса', 'Zoë', 'José-María', '李小龙', 'Ada 👩‍💻', '❤️ Bob', 'Nguyễn', 'x\u0301\u0302', 'R2-D2', '…', '🇩🇪']) {
      expect(checkName(name), name).toMatchObject({ ok: true });
    }
  });

  it('normalises to NFKC before counting and checking', () => {
    expect(checkName('ｆｕｌｌ\u00A0ｗｉｄｔｈ')).toEqual({ ok: true, value: 'full width' });
    expect(checkName('e\u0301')).toEqual({ ok: true, value: 'é' });
    // U+3000 becomes a plain space and is trimmed: nothing visible remains.
    expect(checkName('\u3000')).toEqual({ ok: false, code: 'invalid_name' });
    // One code point that NFKC expands past 32 is too long.
    expect(checkName('\uFDFA\uFDFA')).toEqual({ ok: false, code: 'invalid_name' });
  });
});
