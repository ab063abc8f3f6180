import { describe, expect, it } from 'vitest';
import { filterByName, nameKey } from './user-name-match.js';

const users = [
  { id: 'a', name: 'José Álvarez' },
  { id: 'b', name: 'Jonas  Müller' },
  { id: 'c', name: 'Ada Lovelace' },
];

describe('finding people by name', () => {
  it('ignores case, accents and repeated spaces, and keeps the list order', () => {
    expect(filterByName(users, 'jose').map((u) => u.id)).toEqual(['a']);
    expect(filterByName(users, 'MULLER').map((u) => u.id)).toEqual(['b']);
    expect(filterByName(users, 'jonas müller').map((u) => u.id)).toEqual(['b']);
    expect(filterByName(users, 'o').map((u) => u.id)).toEqual(['a', 'b', 'c']);
  });

  it('an empty or blank query finds everyone, and a name no one has finds no one', () => {
    expect(filterByName(users, '  ')).toHaveLength(3);
    expect(filterByName(users, 'zed')).toEqual([]);
    expect(nameKey(' Ｚoë ')).toBe('zoe');
  });
});
