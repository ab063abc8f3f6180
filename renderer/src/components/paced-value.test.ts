import { afterEach, describe, expect, it, vi } from 'vitest';
import { PacedValue } from './paced-value.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('PacedValue', () => {
  it('passes the first change at once, then at most one per interval, the newest', async () => {
    vi.useFakeTimers();
    const said: string[] = [];
    const paced = new PacedValue<string>(30_000, (v) => said.push(v));
    paced.set('150 online');
    paced.set('151 online');
    paced.set('152 online');
    expect(said).toEqual(['150 online']);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(said).toEqual(['150 online']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(said).toEqual(['150 online', '152 online']);
  });

  it('says nothing when the value is back to what was said last, or after stop', async () => {
    vi.useFakeTimers();
    const said: number[] = [];
    const paced = new PacedValue<number>(1000, (v) => said.push(v));
    paced.set(1);
    paced.set(2);
    paced.set(1);
    await vi.advanceTimersByTimeAsync(1000);
    paced.set(3);
    await vi.advanceTimersByTimeAsync(100);
    expect(said).toEqual([1, 3]);
    paced.set(4);
    paced.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(said).toEqual([1, 3]);
  });

  it('after a reset, passes on only a change from the value it was reset to', async () => {
    vi.useFakeTimers();
    const said: string[] = [];
    const paced = new PacedValue<string>(1000, (v) => said.push(v));
    paced.reset('3 online');
    paced.set('3 online');
    expect(said).toEqual([]);
    paced.set('4 online');
    expect(said).toEqual(['4 online']);
  });
});
