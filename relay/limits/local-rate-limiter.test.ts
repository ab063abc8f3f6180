import { describe, expect, it } from 'vitest';
import { clientAddress, ConnectionCounter } from './connection-counter.js';
import { LocalRateLimiter } from './local-rate-limiter.js';

describe('local limits', () => {
  it('allows the burst, then the rate', () => {
    let now = 0;
    const limiter = new LocalRateLimiter(2, 3, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false]);
    expect(limiter.take('b')).toBe(true);
    now += 500;
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('a')).toBe(false);
  });

  it('caps connections per address and frees them again', () => {
    const counter = new ConnectionCounter(2);
    counter.add('1.2.3.4');
    expect(counter.isFull('1.2.3.4')).toBe(false);
    counter.add('1.2.3.4');
    expect(counter.isFull('1.2.3.4')).toBe(true);
    expect(counter.isFull('5.6.7.8')).toBe(false);
    counter.remove('1.2.3.4');
    expect(counter.isFull('1.2.3.4')).toBe(false);
  });

  it('trusts X-Forwarded-For only when told to', () => {
    expect(clientAddress('10.0.0.1', '203.0.113.7', true)).toBe('203.0.113.7');
    // A client-sent header is kept in front by the proxy: only the last hop is trustworthy.
    expect(clientAddress('10.0.0.1', 'forged-by-client, 203.0.113.7', true)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.1', '203.0.113.7', false)).toBe('10.0.0.1');
    expect(clientAddress(undefined, undefined, true)).toBe('unknown');
  });
});
