import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * What a process has cost, read from Linux's /proc (the relays are separate processes, so their
 * own `process.cpuUsage()` is out of reach). CPU is utime + stime; memory is resident set size.
 */
export interface ProcessSample {
  cpuSeconds: number;
  /**
   * The part of cpuSeconds spent in the kernel (stime: system calls, loopback TCP); the rest is
   * the process's own code (a relay's JavaScript, GC). Absent in results written before it.
   */
  kernelCpuSeconds?: number;
  rssBytes: number;
  /** VmHWM: the highest RSS since the process started. */
  peakRssBytes: number;
  /**
   * How long the process's main thread (a relay's event loop, Redis's command loop) was ready to
   * run but waited for a CPU (/proc/<pid>/schedstat): on a machine that runs relays, Redis and the
   * load generator on two cores, the queue every latency tail waits in. Absent where the kernel
   * keeps no schedstat.
   */
  runQueueWaitSeconds?: number;
}

/** The run-queue wait (ns, the second field) from the text of /proc/<pid>/schedstat, in seconds. */
export function parseSchedstat(text: string): number | undefined {
  const waitNs = Number(text.trim().split(/\s+/)[1]);
  return Number.isFinite(waitNs) ? waitNs / 1e9 : undefined;
}

function runQueueWait(pid: number): Pick<ProcessSample, 'runQueueWaitSeconds'> {
  try {
    const seconds = parseSchedstat(readFileSync(`/proc/${pid}/schedstat`, 'utf8'));
    return seconds === undefined ? {} : { runQueueWaitSeconds: seconds };
  } catch {
    return {};
  }
}

/** utime and stime (clock ticks) from the text of /proc/<pid>/stat. */
export function parseProcStat(text: string): { utimeTicks: number; stimeTicks: number } {
  // The command name (field 2) is in parentheses and may itself contain spaces or ")", so
  // fields are counted from the last ")". After it: state (3), ppid (4), … utime (14), stime (15).
  const rest = text.slice(text.lastIndexOf(')') + 2).trim().split(/\s+/);
  const utimeTicks = Number(rest[11]);
  const stimeTicks = Number(rest[12]);
  if (!Number.isFinite(utimeTicks) || !Number.isFinite(stimeTicks)) throw new Error(`unexpected /proc/<pid>/stat format: ${text.slice(0, 120)}`);
  return { utimeTicks, stimeTicks };
}

/** VmRSS and VmHWM in bytes from the text of /proc/<pid>/status (0 when absent, e.g. a zombie). */
export function parseProcStatus(text: string): { rssBytes: number; peakRssBytes: number } {
  const kb = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(text);
    return match ? Number(match[1]) * 1024 : 0;
  };
  return { rssBytes: kb('VmRSS'), peakRssBytes: kb('VmHWM') };
}

let clockTicks: number | undefined;
/** Clock ticks per second (USER_HZ): 100 on practically every Linux, asked of getconf once. */
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    const answer = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim());
    clockTicks = Number.isInteger(answer) && answer > 0 ? answer : 100;
  }
  return clockTicks;
}

/** Reads one process's CPU and memory now; undefined when it is gone. */
export function sampleProcess(pid: number): ProcessSample | undefined {
  try {
    const { utimeTicks, stimeTicks } = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    const { rssBytes, peakRssBytes } = parseProcStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
    const hz = ticksPerSecond();
    return { cpuSeconds: (utimeTicks + stimeTicks) / hz, kernelCpuSeconds: stimeTicks / hz, rssBytes, peakRssBytes, ...runQueueWait(pid) };
  } catch {
    return undefined;
  }
}

/**
 * Several processes read as one (a Redis Cluster's primaries): CPU and memory summed over those
 * still running; undefined when none is, like sampleProcess.
 */
export function sampleProcesses(pids: readonly number[]): ProcessSample | undefined {
  const samples = pids.map((pid) => sampleProcess(pid)).filter((sample) => sample !== undefined);
  if (samples.length === 0) return undefined;
  return samples.reduce((sum, s) => ({
    cpuSeconds: sum.cpuSeconds + s.cpuSeconds,
    ...(sum.kernelCpuSeconds !== undefined && s.kernelCpuSeconds !== undefined ? { kernelCpuSeconds: sum.kernelCpuSeconds + s.kernelCpuSeconds } : {}),
    rssBytes: sum.rssBytes + s.rssBytes,
    peakRssBytes: sum.peakRssBytes + s.peakRssBytes,
    ...(sum.runQueueWaitSeconds !== undefined && s.runQueueWaitSeconds !== undefined ? { runQueueWaitSeconds: sum.runQueueWaitSeconds + s.runQueueWaitSeconds } : {}),
  }));
}

/** CPU spent between two samples of the same process, with the later sample's memory figures. */
export function usageBetween(before: ProcessSample | undefined, after: ProcessSample | undefined): ProcessSample {
  const waitBefore = before?.runQueueWaitSeconds;
  const waitAfter = after?.runQueueWaitSeconds;
  const kernelBefore = before?.kernelCpuSeconds;
  const kernelAfter = after?.kernelCpuSeconds;
  return {
    cpuSeconds: before && after ? Math.max(0, after.cpuSeconds - before.cpuSeconds) : 0,
    ...(kernelBefore !== undefined && kernelAfter !== undefined ? { kernelCpuSeconds: Math.max(0, kernelAfter - kernelBefore) } : {}),
    rssBytes: after?.rssBytes ?? 0,
    peakRssBytes: after?.peakRssBytes ?? 0,
    ...(waitBefore !== undefined && waitAfter !== undefined ? { runQueueWaitSeconds: Math.max(0, waitAfter - waitBefore) } : {}),
  };
}
