import { describe, expect, it } from 'vitest';
import { fitLine } from './fit-line.js';

describe('fitLine', () => {
  it('fits the least-squares line, and refuses points that cannot define one', () => {
    expect(fitLine([[0, 1], [1, 3], [2, 5]])).toEqual({ slope: 2, intercept: 1 });
    const { slope, intercept } = fitLine([[0, 0], [1, 2], [2, 1]]);
    expect(slope).toBeCloseTo(0.5);
    expect(intercept).toBeCloseTo(0.5);
    expect(() => fitLine([[1, 1], [1, 2]])).toThrow(/two distinct/);
  });
});
