import { describe, expect, it } from 'vitest';
import { exponential, seededRandom, uniform } from './soak-mix.js';

describe('the soak\'s random source', () => {
  it('repeats for a seed, differs between seeds, stays in [0, 1)', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
    const values = Array.from({ length: 10_000 }, seededRandom(5));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
  });

  it('draws exponential gaps with the asked mean and uniform values in range', () => {
    const random = seededRandom(11);
    const gaps = Array.from({ length: 20_000 }, () => exponential(random, 40));
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(mean).toBeGreaterThan(38);
    expect(mean).toBeLessThan(42);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(0);
    const values = Array.from({ length: 1000 }, () => uniform(random, [20, 60]));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...values)).toBeLessThan(60);
  });
});
