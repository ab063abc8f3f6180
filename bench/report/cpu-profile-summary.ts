import type { ProfileHotspot } from '../bench-results.js';

/** The parts of a V8 .cpuprofile (what `node --cpu-prof` writes) that self time needs. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number }; children?: number[] }>;
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

/**
 * Self time per function: each sample is charged (its time delta) to the node on top of the
 * stack, then nodes of the same function (same name, file, line) are added up, since one function
 * appears under many call paths. Paths are shown relative to the repo (or node_modules/…).
 */
export function topSelfTime(profile: CpuProfile, count = 15, repoRoot = ''): { totalMs: number; top: ProfileHotspot[] } {
  const byNode = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) byNode.set(samples[i]!, (byNode.get(samples[i]!) ?? 0) + Math.max(0, deltas[i] ?? 0));

  const byFunction = new Map<string, ProfileHotspot>();
  let totalUs = 0;
  for (const node of profile.nodes) {
    const us = byNode.get(node.id) ?? 0;
    totalUs += us;
    if (us === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const location = url ? `${shortenUrl(url, repoRoot)}:${lineNumber + 1}` : '';
    const key = `${functionName}\u0000${location}`;
    const entry = byFunction.get(key) ?? { functionName: functionName || '(anonymous)', location, selfMs: 0, selfPercent: 0 };
    entry.selfMs += us / 1000;
    byFunction.set(key, entry);
  }
  const totalMs = totalUs / 1000;
  const top = [...byFunction.values()]
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, count)
    .map((e) => ({ ...e, selfMs: round(e.selfMs), selfPercent: totalMs > 0 ? round((e.selfMs / totalMs) * 100) : 0 }));
  return { totalMs: round(totalMs), top };
}

function shortenUrl(url: string, repoRoot: string): string {
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) return path.slice(modules + 1);
  if (repoRoot && path.startsWith(`${repoRoot}/`)) return path.slice(repoRoot.length + 1);
  return path;
}

const round = (value: number) => Math.round(value * 10) / 10;

export function formatHotspots(top: ProfileHotspot[]): string {
  return top.map((h, i) => `${String(i + 1).padStart(3)}. ${h.selfMs.toFixed(0).padStart(7)} ms ${h.selfPercent.toFixed(1).padStart(5)} %  ${h.functionName}  ${h.location}`).join('\n');
}
