import { describe, expect, it } from 'vitest';
import { fullGcReadings, MB, slopePerMinute, summarizeMemory } from './memory-summary.js';
import type { MemorySample } from './soak-results.js';

const MIN = 60_000;

describe('fullGcReadings', () => {
  it('keeps one point per sample that follows new full GCs, including a reading equal to the last, none before the first', () => {
    const sample = (at: number, heapAfterGcBytes: number | null, fullGcs: number | null): MemorySample => ({ at, replica: 'r', heapUsedBytes: 1, heapAfterGcBytes, fullGcs, rssBytes: 1, connections: 1 });
    const samples = [sample(0, 0, 0), sample(1, 40, 1), sample(2, 40, 1), sample(3, 40, 2), sample(4, 35, 4), sample(5, null, null), sample(6, 35, 4)];
    expect(fullGcReadings(samples)).toEqual([[1, 40], [3, 40], [4, 35]]);
  });
});

describe('slopePerMinute', () => {
  it('fits a straight line through the points, per minute', () => {
    expect(slopePerMinute([[0, 10], [MIN, 12], [2 * MIN, 14]])).toBeCloseTo(2);
    expect(slopePerMinute([[0, 10], [MIN, 14], [2 * MIN, 10], [3 * MIN, 14]])).toBeCloseTo(0.8);
  });

  it('has no slope with fewer than two distinct times', () => {
    expect(slopePerMinute([])).toBeNull();
    expect(slopePerMinute([[5, 1]])).toBeNull();
    expect(slopePerMinute([[5, 1], [5, 2]])).toBeNull();
  });
});

describe('summarizeMemory', () => {
  const sample = (at: number, replica: string, heapMB: number | null, rssMB = 100): MemorySample => ({
    at,
    replica,
    heapUsedBytes: heapMB === null ? null : heapMB * MB,
    rssBytes: rssMB * MB,
    connections: 0,
  });

  it('summarizes each replica over the chat phase only, slope over its last half', () => {
    const samples = [
      sample(0, 'relay-1', 90), // the ramp: before the chat, not counted
      sample(0, 'relay-2', 20),
      ...[1, 2, 3, 4, 5].flatMap((m) => [sample(m * MIN, 'relay-1', 30 + (m >= 3 ? m - 3 : 0)), sample(m * MIN, 'relay-2', m === 2 ? null : 25)]),
      sample(6 * MIN, 'relay-1', 80), // settling after the chat: not counted
    ];
    const [one, two] = summarizeMemory(samples, { chatStartedAt: MIN, chatEndedAt: 5 * MIN });
    expect(one!.replica).toBe('relay-1');
    expect(one!.heap).toMatchObject({ startBytes: 30 * MB, endBytes: 32 * MB, maxBytes: 32 * MB });
    expect(one!.heap!.slopeMBPerMin).toBeCloseTo(1); // minutes 3, 4, 5: 30, 31, 32
    expect(one!.rss!.slopeMBPerMin).toBeCloseTo(0);
    expect(two!.samples).toBe(5); // six readings, one of which did not answer
    expect(two!.heap!.slopeMBPerMin).toBeCloseTo(0);
  });

  it('has nothing to say about a replica never sampled during the chat', () => {
    const [only] = summarizeMemory([sample(0, 'relay-1', 30)], { chatStartedAt: MIN, chatEndedAt: 2 * MIN });
    expect(only).toMatchObject({ replica: 'relay-1', heap: null, rss: null });
  });
});
