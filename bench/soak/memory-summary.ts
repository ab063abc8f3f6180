import { fitLine } from '../report/fit-line.js';
import type { MemorySample, ReplicaMemory, SeriesSummary } from './soak-results.js';

export const MB = 1024 ** 2;
const MINUTE_MS = 60_000;

/** Least-squares slope of `points` ([epoch ms, value]) in value per minute; null with fewer than 2 distinct times. */
export function slopePerMinute(points: Array<[number, number]>): number | null {
  if (new Set(points.map(([t]) => t)).size < 2) return null;
  return fitLine(points).slope * MINUTE_MS;
}

export interface ChatPhase {
  chatStartedAt: number;
  chatEndedAt: number;
}

/** The last half: the first half holds the warm-up (caches filling, V8 sizing its heap). */
const lastHalfFrom = (phase: ChatPhase) => phase.chatStartedAt + (phase.chatEndedAt - phase.chatStartedAt) / 2;

function summarizeSeries(points: Array<[number, number]>, phase: ChatPhase): SeriesSummary | null {
  const chat = points.filter(([t]) => t >= phase.chatStartedAt && t <= phase.chatEndedAt);
  if (chat.length === 0) return null;
  const slope = slopePerMinute(chat.filter(([t]) => t >= lastHalfFrom(phase)));
  return {
    startBytes: chat[0]![1],
    endBytes: chat[chat.length - 1]![1],
    maxBytes: Math.max(...chat.map(([, v]) => v)),
    slopeMBPerMin: slope === null ? null : slope / MB,
  };
}

/** Per replica (in the order they were first sampled): heap and RSS at the start, end and peak of the chat phase, and their slope over its last half. */
export function summarizeMemory(samples: MemorySample[], phase: ChatPhase): ReplicaMemory[] {
  const replicas = [...new Set(samples.map((s) => s.replica))];
  return replicas.map((replica) => {
    const mine = samples.filter((s) => s.replica === replica).sort((a, b) => a.at - b.at);
    const series = (value: (s: MemorySample) => number | null) =>
      mine.flatMap((s): Array<[number, number]> => {
        const v = value(s);
        return v === null ? [] : [[s.at, v]];
      });
    const fullGcs = fullGcReadings(mine);
    const retained = summarizeSeries(fullGcs, phase);
    return {
      replica,
      samples: mine.filter((s) => s.heapUsedBytes !== null).length,
      heap: summarizeSeries(series((s) => s.heapUsedBytes), phase),
      rss: summarizeSeries(series((s) => s.rssBytes), phase),
      retained: retained && { ...retained, fullGcsInLastHalf: fullGcs.filter(([t]) => t >= lastHalfFrom(phase) && t <= phase.chatEndedAt).length },
    };
  });
}

/**
 * Heap retained after full GCs, one point per sample taken after new ones (the after-GC reading
 * repeats in every sample until the next full GC; the major-GC count tells which are new).
 */
export function fullGcReadings(samples: readonly MemorySample[]): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  let seen: number | undefined;
  for (const { at, heapAfterGcBytes, fullGcs } of samples) {
    // No full GC yet (the gauge reads 0 until the first), or none since the last point.
    if (heapAfterGcBytes === null || heapAfterGcBytes === undefined || !fullGcs || fullGcs === seen) continue;
    seen = fullGcs;
    points.push([at, heapAfterGcBytes]);
  }
  return points;
}
