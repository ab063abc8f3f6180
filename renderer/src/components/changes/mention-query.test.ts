import { describe, expect, it } from 'vitest';
import { completeMention, mentionCandidates, mentionedIds, mentionQueryAt } from './mention-query.js';

const ada = { id: 'u-ada', name: 'Ada' };
const adam = { id: 'u-adam', name: 'Adam Riese' };
const bob = { id: 'u-bob', name: 'Bob' };

describe('mentions', () => {
  it('sees an @name being typed at the caret, but not an e-mail address', () => {
    expect(mentionQueryAt('hi @Ad', 6)).toEqual({ start: 3, query: 'Ad' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('mail@example.org', 16)).toBeUndefined();
    expect(mentionQueryAt('hi @Ada and more', 16)).toBeUndefined();
  });

  it('offers names that start with the query first, then names containing it', () => {
    expect(mentionCandidates([bob, adam, ada], 'ad').map((u) => u.name)).toEqual(['Adam Riese', 'Ada']);
    expect(mentionCandidates([bob, adam, ada], 'ob').map((u) => u.name)).toEqual(['Bob']);
  });

  it('puts the chosen name in place of the query, caret after it', () => {
    const done = completeMention('hi @Ad, how are you', { start: 3, query: 'Ad' }, 'Adam Riese');
    expect(done.text).toBe('hi @Adam Riese , how are you');
    expect(done.caret).toBe('hi @Adam Riese '.length);
  });

  it('finds who a text mentions: whole names only, longest first', () => {
    expect(mentionedIds('@Adam Riese and @Ada, not @Adaline or bob@Bob', [ada, adam, bob])).toEqual(['u-adam', 'u-ada']);
    expect(mentionedIds('no mentions', [ada])).toEqual([]);
  });
});
