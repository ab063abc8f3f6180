import { describe, expect, it, vi } from 'vitest';
import { withStoreTimeout } from './store-timeout.js';

describe('withStoreTimeout', () => {
  it('passes on the answer or the failure of a store that answers in time, and leaves no timer behind', async () => {
    vi.useFakeTimers();
    try {
      await expect(withStoreTimeout(Promise.resolve(7), 100)).resolves.toBe(7);
      const failure = new Error('NOSCRIPT');
      await expect(withStoreTimeout(Promise.reject(failure), 100)).rejects.toBe(failure);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects once the store has not answered within the time, saying so', async () => {
    vi.useFakeTimers();
    try {
      const stuck = withStoreTimeout(new Promise(() => undefined), 100);
      const outcome = expect(stuck).rejects.toThrow('store did not answer within 100 ms');
      await vi.advanceTimersByTimeAsync(100);
      await outcome;
    } finally {
      vi.useRealTimers();
    }
  });
});
