import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/translate.js';
import { lengthHint, nameProblem, roomProblem } from './input-problems.js';

const say = (problem: ReturnType<typeof nameProblem>, locale: 'en' | 'de' = 'en') => (problem ? translate(locale, problem.key, problem.params) : '');

describe('input problems in plain words', () => {
  it('says how long is too long, and never shows a negative count', () => {
    expect(say(lengthHint(1))).toBe('1 character left');
    expect(say(lengthHint(0))).toBe('0 characters left');
    expect(say(lengthHint(-1))).toBe('1 character too many');
    expect(say(lengthHint(-12))).toBe('12 characters too many');
    expect(say(lengthHint(-1), 'de')).toBe('1 Zeichen zu viel');
  });

  it('explains which name rule is broken', () => {
    expect(nameProblem('Ada')).toBeUndefined();
    expect(say(nameProblem('   '))).toMatch(/type a name/i);
    expect(say(nameProblem('x'.repeat(40)))).toBe('A name can have at most 32 characters; this one has 40.');
    expect(say(nameProblem('Ada\u202E'))).toMatch(/invisible/);
  });

  it('names the characters a room name cannot have', () => {
    expect(roomProblem('Random', 'space')).toBeUndefined();
    expect(say(roomProblem('Ungültig Nr 1', 'Leerzeichen'), 'de')).toContain('Zeichen gehen in Raumnamen nicht: ü, Leerzeichen.');
    expect(say(roomProblem('-x', 'space'))).toMatch(/start with a letter or a digit/);
    expect(say(roomProblem('a'.repeat(33), 'space'))).toMatch(/33/);
  });
});
