import { MB } from '../memory-summary.js';
import { SOAK_MIX } from '../soak-mix.js';
import type { MemorySample, SoakLoad, SoakResults } from '../soak-results.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);

/** A clean 10-minute soak's load, as the generator reports it; tests change one figure at a time. */
export function sampleSoakLoad(): SoakLoad {
  return {
    kind: 'soak',
    clients: 1000,
    rooms: { count: 66, minSize: 10, maxSize: 50, meanSize: 30.3 },
    connectFailures: 0,
    connectErrors: [],
    phases: { connectStartedAt: T0, chatStartedAt: T0 + MIN, chatEndedAt: T0 + 11 * MIN, settledAt: T0 + 11 * MIN + 2000 },
    messages: { typed: 15_000, acked: 15_000, ackedOnRetry: 3, unacked: 0, ackTimeouts: 3, refused: {} },
    deliveries: { owed: 500_000, delivered: 500_000, lost: 0, duplicateDeliveries: 0, duplicateStored: 0, recoveredOnResume: 9000, gapResumes: 0, epochChanges: 0 },
    reconnects: { blips: 700, aways: 300, resumedSessions: 1000, identityChanges: 0 },
    typing: { sent: 12_000, received: 350_000 },
    presenceEvents: 900_000,
  };
}

/**
 * Ten-second samples of two replicas over 11 minutes: heap used = base + a small sawtooth + growth.
 * With `fullGc`, each replica also reports heap retained after a full GC every `everyMinutes`
 * (base + retainedGrowth × minutes at that collection), as relay_heap_used_after_full_gc_bytes.
 */
export function sampleSoakSamples(heapMB = [30, 32], growthMBPerMin = [0, 0], fullGc?: { everyMinutes: number; retainedGrowthMBPerMin: number[] }): MemorySample[] {
  const samples: MemorySample[] = [];
  for (let at = T0; at <= T0 + 11 * MIN + 2000; at += 10_000) {
    const minutes = (at - T0) / MIN;
    heapMB.forEach((base, i) => {
      const sawtooth = ((at - T0) / 10_000) % 3;
      const sample: MemorySample = { at, replica: `relay-${i + 1}`, heapUsedBytes: (base + sawtooth + growthMBPerMin[i]! * minutes) * MB, rssBytes: (100 + i * 5) * MB, connections: 500 };
      if (fullGc) {
        const lastGcMinutes = Math.floor(minutes / fullGc.everyMinutes) * fullGc.everyMinutes;
        sample.heapAfterGcBytes = lastGcMinutes === 0 ? null : (base + fullGc.retainedGrowthMBPerMin[i]! * lastGcMinutes) * MB;
        sample.fullGcs = lastGcMinutes / fullGc.everyMinutes;
      }
      samples.push(sample);
    });
  }
  return samples;
}

export function sampleSoakResults(overrides: Partial<SoakResults> = {}): SoakResults {
  return {
    kind: 'soak',
    startedAt: new Date(T0).toISOString(),
    finishedAt: new Date(T0 + 12 * MIN).toISOString(),
    command: 'npm run bench -- --soak --write-docs',
    machine: { cpus: 2, cpuModel: 'Test CPU', memoryBytes: 24 * 1024 ** 3, node: 'v20.19.0', platform: 'linux x64', loadAverage: 1.5 },
    settings: { clients: 1000, minutes: 10, sampleSeconds: 10, replicas: 2, connectConcurrency: 50, mix: SOAK_MIX, seed: 1 },
    load: sampleSoakLoad(),
    samples: sampleSoakSamples(),
    replicas: [],
    verdict: { passed: true, rule: 'the rule', failures: [], notes: [] },
    ...overrides,
  };
}
