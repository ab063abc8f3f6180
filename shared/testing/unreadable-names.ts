/**
 * Names the relay must refuse with `invalid_name`: they look empty, look like someone else's, or
 * draw over other lines. Shared by the rule's unit test and the relay's `rename` test.
 */
export const UNREADABLE_NAMES: ReadonlyArray<[string, string]> = [
  ['zero-width space only', '\u200B'],
  ['Hangul filler only', '\u3164'],
  ['Hangul choseong filler', '\u115F'],
  ['Hangul jungseong filler', '\u1160'],
  ['halfwidth Hangul filler', '\uFFA0'],
  ['braille blank', '\u2800'],
  ['several invisible characters', '\u200B\u2060\uFEFF\u3164'],
  ['a trailing zero-width space', 'Alice\u200B'],
  ['a zero-width joiner between letters', 'Al\u200Dice'],
  ['a soft hyphen', 'Al\u00ADice'],
  ['a word joiner', 'Ali\u2060ce'],
  ['a tag character', 'Alice\u{E0041}'],
  ['a variation selector alone', '\uFE0F'],
  ['two variation selectors', '\u2764\uFE0F\uFE0F'],
  ['a line separator', 'a\u2028b'],
  ['combining marks only', '\u0301\u0301'],
  ['three combining marks in a row', 'x\u0301\u0302\u0303'],
  ['31 stacked combining marks', `Z${'\u0336'.repeat(31)}`],
  ['a Cyrillic А in a Latin word', '\u0410lice'],
  ['a Greek ο in a Latin word', 'B\u03BFb'],
  ['a right-to-left override', 'evil\u202Efdp.exe'],
];
