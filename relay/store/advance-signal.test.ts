import { describe, expect, it, vi } from 'vitest';
import { parseAdvanceSignal } from './advance-signal.js';
import { EncodedEntry } from './encoded-entry.js';

describe('advance signal', () => {
  it('reads room, seq, epoch and the entry, whose JSON may hold spaces', () => {
    const advance = parseAdvanceSignal('lobby 7 e-1 {"id":"m","text":"a b c"}');
    expect(advance).toMatchObject({ room: 'lobby', lastSeq: 7, epoch: 'e-1', encoded: new EncodedEntry('lobby', 7, '{"id":"m","text":"a b c"}') });
    expect(advance?.message).toEqual({ id: 'm', text: 'a b c' });
    expect(advance?.encoded).toBeInstanceOf(EncodedEntry);
  });

  it('still reports the advance when the entry is missing or unreadable, and nothing for noise', () => {
    expect(parseAdvanceSignal('lobby 7 e-1')).toEqual({ room: 'lobby', lastSeq: 7, epoch: 'e-1' });
    const broken = parseAdvanceSignal('lobby 7 e-1 {broken');
    expect(broken).toMatchObject({ room: 'lobby', lastSeq: 7, epoch: 'e-1' });
    expect(broken?.message).toBeUndefined();
    expect(broken?.encoded).toBeUndefined();
    expect(parseAdvanceSignal('nonsense')).toBeUndefined();
  });

  it('parses the entry only when it is read, and once', () => {
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const advance = parseAdvanceSignal('lobby 7 e-1 {"id":"m"}')!;
      expect(advance.lastSeq).toBe(7);
      expect(advance.encoded?.json).toBe('{"id":"m"}');
      expect(parse).not.toHaveBeenCalled();
      expect(advance.message).toEqual({ id: 'm' });
      expect(advance.message).toBe(advance.message);
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });
});
