import { describe, expect, it } from 'vitest';
import { openFileAdvice, parseOpenFileLimit } from './open-file-limit.js';
import { parseProcStat, parseProcStatus, parseSchedstat, sampleProcess, sampleProcesses, usageBetween } from './proc-stats.js';

describe('parseProcStat', () => {
  it('reads utime and stime, counting fields after the command name', () => {
    const text = '4242 (node) S 1 4242 4242 0 -1 4194560 12345 0 0 0 731 129 0 0 20 0 11 0 2222 1234567 8910 18446744073709551615';
    expect(parseProcStat(text)).toEqual({ utimeTicks: 731, stimeTicks: 129 });
  });

  it('is not fooled by spaces and parentheses in the command name', () => {
    const text = '77 (my (odd) name) R 1 77 77 0 -1 0 0 0 0 0 5 6 0 0 20 0 1 0 10 100 200';
    expect(parseProcStat(text)).toEqual({ utimeTicks: 5, stimeTicks: 6 });
  });

  it('refuses text that is not a stat line', () => {
    expect(() => parseProcStat('garbage')).toThrow(/unexpected/);
  });
});

describe('parseProcStatus', () => {
  it('reads VmRSS and VmHWM in bytes', () => {
    const text = 'Name:\tnode\nVmPeak:\t 999 kB\nVmHWM:\t   81920 kB\nVmRSS:\t   65536 kB\nThreads:\t11\n';
    expect(parseProcStatus(text)).toEqual({ rssBytes: 65536 * 1024, peakRssBytes: 81920 * 1024 });
  });

  it('answers 0 for a process without memory lines (a zombie)', () => {
    expect(parseProcStatus('Name:\tnode\nState:\tZ (zombie)\n')).toEqual({ rssBytes: 0, peakRssBytes: 0 });
  });
});

describe('sampleProcess', () => {
  it('samples this very process, and nothing for a pid that does not exist', () => {
    const sample = sampleProcess(process.pid);
    expect(sample?.rssBytes).toBeGreaterThan(1024 * 1024);
    expect(sample?.peakRssBytes).toBeGreaterThanOrEqual(sample?.rssBytes ?? 0);
    expect(sample?.cpuSeconds).toBeGreaterThan(0);
    expect(sample?.kernelCpuSeconds).toBeGreaterThanOrEqual(0);
    expect(sample?.kernelCpuSeconds).toBeLessThanOrEqual(sample?.cpuSeconds ?? 0);
    expect(sampleProcess(2 ** 22 + 12345)).toBeUndefined();
  });

  it('reads several processes (a Redis Cluster\'s primaries) as their sum, skipping those gone', () => {
    const one = sampleProcess(process.pid)!;
    const gone = 2 ** 22 + 12345;
    const both = sampleProcesses([process.pid, gone, process.pid])!;
    expect(both.rssBytes).toBeGreaterThanOrEqual(2 * one.rssBytes * 0.9);
    expect(both.cpuSeconds).toBeGreaterThanOrEqual(2 * one.cpuSeconds);
    expect(sampleProcesses([gone])).toBeUndefined();
    expect(sampleProcesses([])).toBeUndefined();
  });

  it('computes CPU used between two samples and keeps the later memory figures', () => {
    const before = { cpuSeconds: 1.5, rssBytes: 10, peakRssBytes: 20 };
    const after = { cpuSeconds: 4, rssBytes: 30, peakRssBytes: 40 };
    expect(usageBetween(before, after)).toEqual({ cpuSeconds: 2.5, rssBytes: 30, peakRssBytes: 40 });
    expect(usageBetween(undefined, after).cpuSeconds).toBe(0);
  });

  it('splits off the kernel\'s part of the CPU between two samples, when both have it', () => {
    const before = { cpuSeconds: 1.5, kernelCpuSeconds: 0.5, rssBytes: 0, peakRssBytes: 0 };
    const after = { cpuSeconds: 4, kernelCpuSeconds: 1.25, rssBytes: 0, peakRssBytes: 0 };
    expect(usageBetween(before, after).kernelCpuSeconds).toBe(0.75);
    expect(usageBetween({ cpuSeconds: 1, rssBytes: 0, peakRssBytes: 0 }, after).kernelCpuSeconds).toBeUndefined();
    expect(sampleProcesses([process.pid, process.pid])?.kernelCpuSeconds).toBeGreaterThanOrEqual(0);
  });

  it('reads the run-queue wait from schedstat and gives the wait between two samples', () => {
    expect(parseSchedstat('4562390123 1250000000 8812\n')).toBe(1.25);
    expect(parseSchedstat('')).toBeUndefined();
    const before = { cpuSeconds: 1, rssBytes: 0, peakRssBytes: 0, runQueueWaitSeconds: 0.5 };
    const after = { cpuSeconds: 2, rssBytes: 0, peakRssBytes: 0, runQueueWaitSeconds: 0.75 };
    expect(usageBetween(before, after).runQueueWaitSeconds).toBe(0.25);
    // Without the figure on both sides there is none (an older kernel, a process gone).
    expect(usageBetween({ cpuSeconds: 1, rssBytes: 0, peakRssBytes: 0 }, after).runQueueWaitSeconds).toBeUndefined();
    expect(sampleProcess(process.pid)?.runQueueWaitSeconds).toBeGreaterThanOrEqual(0);
  });
});

describe('open-file limit', () => {
  const limits = 'Limit                     Soft Limit           Hard Limit           Units\nMax open files            1024                 524288               files\n';

  it('parses the soft and hard limits, including "unlimited"', () => {
    expect(parseOpenFileLimit(limits)).toEqual({ soft: 1024, hard: 524288 });
    expect(parseOpenFileLimit('Max open files            unlimited            unlimited            files')).toEqual({
      soft: Number.POSITIVE_INFINITY,
      hard: Number.POSITIVE_INFINITY,
    });
    expect(parseOpenFileLimit('nothing here')).toBeUndefined();
  });

  it('says nothing when the connections fit, and how to raise the limit when they do not', () => {
    expect(openFileAdvice('the load generator', 500, { soft: 1024, hard: 4096 })).toBeUndefined();
    const advice = openFileAdvice('the load generator', 10_000, { soft: 1024, hard: 524288 });
    expect(advice).toMatch(/needs about 10200 open files but "ulimit -n" is 1024/);
    expect(advice).toMatch(/ulimit -n 65536/);
    expect(openFileAdvice('a relay', 10_000, { soft: 1024, hard: 4096 })).toMatch(/hard limit is 4096/);
  });
});
