import type { FillPoint, FillRun } from '../crowd-results.js';

/** One fill for the report tests (not measured anywhere); unfinished ones carry the runner's note. */
export function sampleFillPoint(clients: number, seconds: number, cpu: number, finished = true, note?: string): FillPoint {
  return { clients, ready: finished ? clients : 0, connectFailures: 0, seconds, finished, relayCpuSeconds: cpu, relayPeakRssBytes: 0, redisCpuSeconds: 0, generatorCpuSeconds: seconds / 2, ...(note ? { note } : {}) };
}

export const sampleFill = (...points: FillPoint[]): FillRun => ({ kind: 'fill', points });
