import { describe, expect, it } from 'vitest';
import { reactionChips } from './reaction-summary.js';

describe('reaction chips', () => {
  it('counts each emoji, marks the user’s own and names them first', () => {
    const names: Record<string, string> = { me: 'you', a: 'Ada', b: 'Bob' };
    const chips = reactionChips(
      [
        { emoji: '👍', users: ['a', 'me', 'b'] },
        { emoji: '🎉', users: ['b'] },
        { emoji: '😢', users: [] },
      ],
      'me',
      (id) => names[id] ?? '?',
    );
    expect(chips).toEqual([
      { emoji: '👍', count: 3, mine: true, names: ['you', 'Ada', 'Bob'] },
      { emoji: '🎉', count: 1, mine: false, names: ['Bob'] },
    ]);
    expect(reactionChips(undefined, 'me', String)).toEqual([]);
  });
});
