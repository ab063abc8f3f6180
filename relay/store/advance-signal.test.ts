import { describe, expect, it } from 'vitest';
import { parseAdvanceSignal } from './advance-signal.js';

describe('advance signal', () => {
  it('reads room, seq, epoch and the entry, whose JSON may hold spaces', () => {
    expect(parseAdvanceSignal('lobby 7 e-1 {"id":"m","text":"a b c"}')).toEqual({ room: 'lobby', lastSeq: 7, epoch: 'e-1', message: { id: 'm', text: 'a b c' } });
  });

  it('still reports the advance when the entry is missing or unreadable, and nothing for noise', () => {
    expect(parseAdvanceSignal('lobby 7 e-1')).toEqual({ room: 'lobby', lastSeq: 7, epoch: 'e-1' });
    expect(parseAdvanceSignal('lobby 7 e-1 {broken')).toEqual({ room: 'lobby', lastSeq: 7, epoch: 'e-1' });
    expect(parseAdvanceSignal('nonsense')).toBeUndefined();
  });
});
