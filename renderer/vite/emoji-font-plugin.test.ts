import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { EMOJI_FONT_CSS, EMOJI_FONT_FILE, emojiFontStylesheet, withoutTextCharacters } from './emoji-font-plugin.js';

const packaged = readFileSync(createRequire(import.meta.url).resolve(EMOJI_FONT_CSS), 'utf8');
const faces = (css: string) => css.match(/@font-face\s*{[^}]*}/g) ?? [];

describe('the emoji font stylesheet', () => {
  it('gives every face of the installed package an installed copy first, then its COLRv1 woff2', () => {
    const rewritten = emojiFontStylesheet(packaged);
    expect(faces(rewritten).length).toBe(faces(packaged).length);
    expect(faces(rewritten).length).toBeGreaterThan(5);
    for (const face of faces(rewritten)) {
      expect(face).toMatch(/src: local\('Noto Color Emoji'\), local\('NotoColorEmoji'\), url\(\.\/files\/\d+\.woff2\) format\(woff2\) tech\(color-COLRv1\);/);
    }
  });

  it('claims no digit, "#", "*", ©, ® or ™, so text around emoji keeps its own font', () => {
    const rewritten = emojiFontStylesheet(packaged);
    expect(packaged).toMatch(/U\+30-39/);
    expect(rewritten).not.toMatch(/U\+(30-39|23|2a|a9|ae|2122)\b/i);
    // The emoji themselves stay: 👍 (U+1F44D), ❤ (U+2764), ZWJ, the variation selector.
    expect(rewritten).toMatch(/U\+1f44[0-9a-f]/i);
    expect(rewritten).toMatch(/U\+2764/i);
    expect(rewritten).toMatch(/U\+fe0f/i);
  });

  it('cuts text characters out of ranges and keeps the rest', () => {
    expect(withoutTextCharacters('U+23, U+2a, U+30-39, U+a9, U+ae, U+200d, U+2122, U+2139')).toBe('U+200d, U+2139');
    expect(withoutTextCharacters('U+f0-110, U+2120-2124')).toBe('U+100-110, U+2120-2121, U+2123-2124');
    expect(() => withoutTextCharacters('U+zz')).toThrow(/unexpected/);
  });

  it('fails the build when the package words its faces differently', () => {
    expect(() => emojiFontStylesheet("@font-face { src: url(./files/x.ttf) format('truetype'); unicode-range: U+1f44d; }")).toThrow(/unexpected/);
  });

  it('names the built subset files the service worker caches on demand', () => {
    expect(EMOJI_FONT_FILE.test('assets/noto-color-emoji-9-Cf5jV7Cp.woff2')).toBe(true);
    expect(EMOJI_FONT_FILE.test('assets/noto-color-emoji-7--YSOl6BV.woff2')).toBe(true);
    expect(EMOJI_FONT_FILE.test('assets/index-abc.js')).toBe(false);
    expect(EMOJI_FONT_FILE.test('assets/9-Cf5jV7Cp.woff2')).toBe(false);
  });
});
