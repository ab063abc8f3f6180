import { describe, expect, it } from 'vitest';
import { badgeText } from './badge.js';

describe('badgeText', () => {
  it('is empty when nothing is unread', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(-3)).toBe('');
    expect(badgeText(Number.NaN)).toBe('');
  });

  it('shows the count, capped so it fits a badge', () => {
    expect(badgeText(1)).toBe('1');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
    expect(badgeText(Number.POSITIVE_INFINITY)).toBe('');
  });
});
