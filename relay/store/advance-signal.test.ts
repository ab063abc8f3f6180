import { describe, expect, it, vi } from 'vitest';
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

  it('parses the entry only when it is read, and once', () => {
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const advance = parseAdvanceSignal('lobby 7 e-1 {"id":"m"}')!;
      expect(advance.lastSeq).toBe(7);
      expect(parse).not.toHaveBeenCalled();
      expect(advance.message).toEqual({ id: 'm' });
      expect(advance.message).toBe(advance.message);
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });
});
