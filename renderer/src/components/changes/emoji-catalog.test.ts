import { describe, expect, it } from 'vitest';
import { checkEmoji } from '../../../../shared/text-rules.js';
import { EMOJI, emojiName, searchEmoji } from './emoji-catalog.js';

describe('emoji catalog', () => {
  it('holds about forty emoji the relay accepts as reactions, each once', () => {
    expect(EMOJI.length).toBeGreaterThanOrEqual(40);
    expect(new Set(EMOJI.map((e) => e.emoji)).size).toBe(EMOJI.length);
    for (const entry of EMOJI) expect(checkEmoji(entry.emoji).ok, entry.emoji).toBe(true);
  });

  it('finds emoji by English or German names, ignoring case and accents', () => {
    expect(searchEmoji('thumbs').map((e) => e.emoji)).toEqual(['👍', '👎']);
    expect(searchEmoji('Herz').map((e) => e.emoji)).toEqual(['❤️']);
    expect(searchEmoji('gluckwunsch').map((e) => e.emoji)).toEqual(['🎉']);
    expect(searchEmoji('')).toHaveLength(EMOJI.length);
    expect(searchEmoji('no such thing')).toEqual([]);
  });

  it('names a button in the UI language', () => {
    const heart = EMOJI.find((e) => e.emoji === '❤️')!;
    expect(emojiName(heart, 'en')).toBe('Heart');
    expect(emojiName(heart, 'de')).toBe('Herz');
  });
});
