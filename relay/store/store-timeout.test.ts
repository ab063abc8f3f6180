import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { STORE_TIMEOUT_CHECK_MS, withStoreTimeout } from './store-timeout.js';

describe('withStoreTimeout', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('passes on the answer or the failure of a store that answers in time, and leaves no timer behind', async () => {
    await expect(withStoreTimeout(Promise.resolve(7), 100)).resolves.toBe(7);
    const failure = new Error('NOSCRIPT');
    await expect(withStoreTimeout(Promise.reject(failure), 100)).rejects.toBe(failure);
    await vi.advanceTimersByTimeAsync(STORE_TIMEOUT_CHECK_MS);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects once the store has not answered within the time (at most one check later), saying so', async () => {
    const stuck = withStoreTimeout(new Promise(() => undefined), 100);
    let outcome: unknown;
    stuck.catch((error: unknown) => (outcome = error));
    await vi.advanceTimersByTimeAsync(99);
    expect(outcome).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1 + STORE_TIMEOUT_CHECK_MS);
    expect(outcome).toEqual(new Error('store did not answer within 100 ms'));
  });

  it('times out only the calls past their deadline, whatever answered around them, and each once', async () => {
    const stuckFirst = withStoreTimeout(new Promise(() => undefined), 1000);
    let answer!: (value: string) => void;
    const answered = withStoreTimeout(new Promise<string>((resolve) => (answer = resolve)), 1000);
    await vi.advanceTimersByTimeAsync(500);
    const stuckLater = withStoreTimeout(new Promise(() => undefined), 1000);
    const outcomes: string[] = [];
    stuckFirst.catch(() => outcomes.push('first timed out'));
    stuckLater.catch(() => outcomes.push('later timed out'));
    answer('stored');
    await expect(answered).resolves.toBe('stored');
    await vi.advanceTimersByTimeAsync(500 + STORE_TIMEOUT_CHECK_MS);
    expect(outcomes).toEqual(['first timed out']);
    await vi.advanceTimersByTimeAsync(500);
    expect(outcomes).toEqual(['first timed out', 'later timed out']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps separate time limits apart: a short one behind a long one still times out on time', async () => {
    const long = withStoreTimeout(new Promise(() => undefined), 5000);
    long.catch(() => undefined);
    const short = withStoreTimeout(new Promise(() => undefined), 100);
    let outcome: unknown;
    short.catch((error: unknown) => (outcome = error));
    await vi.advanceTimersByTimeAsync(100 + STORE_TIMEOUT_CHECK_MS);
    expect(outcome).toEqual(new Error('store did not answer within 100 ms'));
  });

  it('answers a store that answers after its time limit as timed out, never twice', async () => {
    let answer!: (value: string) => void;
    const late = withStoreTimeout(new Promise<string>((resolve) => (answer = resolve)), 100);
    const settled = vi.fn();
    late.then(settled, settled);
    await vi.advanceTimersByTimeAsync(100 + STORE_TIMEOUT_CHECK_MS);
    answer('too late');
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toHaveBeenCalledTimes(1);
    expect(settled).toHaveBeenCalledWith(new Error('store did not answer within 100 ms'));
  });
});
