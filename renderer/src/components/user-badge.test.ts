import { describe, expect, it } from 'vitest';
import { badgeHue, initials } from './user-badge.js';

describe('user badge', () => {
  it('gives two people with the same name different colours, and the same person always the same', () => {
    expect(badgeHue('u-alice-1')).not.toBe(badgeHue('u-alice-2'));
    expect(badgeHue('u-alice-1')).toBe(badgeHue('u-alice-1'));
    expect(badgeHue('x')).toBeGreaterThanOrEqual(0);
    expect(badgeHue('x')).toBeLessThan(360);
  });

  it('takes initials from up to two words, whole code points, any script', () => {
    expect(initials('Vreni Keller')).toBe('VK');
    expect(initials('  calm  ')).toBe('C');
    expect(initials('Ada Lovelace King')).toBe('AL');
    expect(initials('𝒜da Byron')).toBe('𝒜B');
    expect(initials('سارة أحمد')).toBe('سأ');
    expect(initials('')).toBe('?');
  });
});
