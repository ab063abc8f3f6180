import { describe, expect, it } from 'vitest';
import { formatHotspots, topSelfTime, type CpuProfile } from './cpu-profile-summary.js';

const frame = (functionName: string, url: string, lineNumber: number) => ({ functionName, url, lineNumber, columnNumber: 0 });

describe('topSelfTime', () => {
  const profile: CpuProfile = {
    startTime: 0,
    endTime: 100_000,
    nodes: [
      { id: 1, callFrame: frame('(root)', '', -1) },
      { id: 2, callFrame: frame('deliver', 'file:///repo/dist/relay/delivery/room-feed.js', 41) },
      { id: 3, callFrame: frame('writev', '', -1) },
      // The same function reached through another call path: must be added up with node 2.
      { id: 4, callFrame: frame('deliver', 'file:///repo/dist/relay/delivery/room-feed.js', 41) },
      { id: 5, callFrame: frame('encode', 'file:///repo/node_modules/socket.io-parser/build/cjs/index.js', 9) },
    ],
    samples: [2, 3, 3, 4, 5, 2],
    timeDeltas: [10_000, 20_000, 20_000, 10_000, 5_000, 10_000],
  };

  it('charges each sample to the function on top of the stack and adds up its call paths', () => {
    const { totalMs, top } = topSelfTime(profile, 15, '/repo');
    expect(totalMs).toBe(75);
    expect(top.map((h) => [h.functionName, h.selfMs])).toEqual([
      ['writev', 40],
      ['deliver', 30],
      ['encode', 5],
    ]);
    expect(top[1]).toMatchObject({ location: 'dist/relay/delivery/room-feed.js:42', selfPercent: 40 });
    expect(top[2]!.location).toBe('node_modules/socket.io-parser/build/cjs/index.js:10');
  });

  it('keeps only the requested number of functions and formats them one per line', () => {
    const { top } = topSelfTime(profile, 2, '/repo');
    expect(top).toHaveLength(2);
    const text = formatHotspots(top);
    expect(text.split('\n')).toHaveLength(2);
    expect(text).toMatch(/^\s+1\.\s+40 ms\s+53\.3 %\s+writev/);
  });

  it('copes with a profile without samples', () => {
    expect(topSelfTime({ startTime: 0, endTime: 0, nodes: [] })).toEqual({ totalMs: 0, top: [] });
  });
});
