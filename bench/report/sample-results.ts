import type { BenchResults, IdleRun, TrafficRun, TrafficStep } from '../bench-results.js';
import { LatencyHistogram } from '../latency-histogram.js';

/** A small, plausible set of results for the report tests (not measured anywhere). */
export function sampleStep(overrides: Partial<TrafficStep> = {}, latencies: number[] = [2, 3, 4, 5, 50]): TrafficStep {
  const h = new LatencyHistogram();
  for (const ms of latencies) h.record(ms);
  return {
    rooms: 1,
    roomSize: 500,
    senders: 25,
    measureSeconds: 15,
    drainSeconds: 0.2,
    sent: 3000,
    acked: 3000,
    rejected: {},
    ackTimeouts: 0,
    sendsSkipped: 0,
    expected: 1_500_000,
    received: 1_500_000,
    loss: 0,
    duplicates: 0,
    deliveriesPerSec: 100_000,
    messagesPerSec: 200,
    latency: h.summary(),
    relays: [
      { cpuSeconds: 10, rssBytes: 100 * 1024 * 1024, peakRssBytes: 120 * 1024 * 1024 },
      { cpuSeconds: 11, rssBytes: 101 * 1024 * 1024, peakRssBytes: 121 * 1024 * 1024 },
    ],
    redis: { cpuSeconds: 2, rssBytes: 0, peakRssBytes: 0 },
    generatorCpuSeconds: 14,
    ...overrides,
  };
}

export function sampleTraffic(steps: TrafficStep[], headline: number | null = 0): TrafficRun {
  return { kind: 'traffic', steps, headline, stopReason: 'ran every step', connectFailures: 0 };
}

export function sampleIdle(perConnectionKb: number): IdleRun {
  return {
    kind: 'idle',
    connectionsPerReplica: 5000,
    connected: 10_000,
    connectFailures: 0,
    rssBeforeBytes: [80 * 1024 * 1024, 80 * 1024 * 1024],
    rssAfterBytes: [80 * 1024 * 1024 + perConnectionKb * 1024 * 5000, 80 * 1024 * 1024 + perConnectionKb * 1024 * 5000],
    rssPerConnectionBytes: perConnectionKb * 1024,
    connectSeconds: 8,
    relays: [],
  };
}

export function sampleResults(): BenchResults {
  return {
    startedAt: '2026-11-27T12:00:00.000Z',
    finishedAt: '2026-11-27T12:08:00.000Z',
    command: 'npm run bench -- --write-docs',
    smoke: false,
    machine: { cpus: 2, cpuModel: 'Test CPU', memoryBytes: 8 * 1024 ** 3, node: 'v20.20.0', platform: 'linux x64', loadAverage: 0.5 },
    scenarios: [
      {
        id: 'a',
        title: '(a) one room, 500 clients, 25 senders × 8 msg/s',
        runs: { ours: sampleTraffic([sampleStep({ deliveriesPerSec: 80_000 }, [3, 4, 5, 6, 60])]), stock: sampleTraffic([sampleStep()]) },
      },
      {
        id: 'b',
        title: '(b) saturation',
        runs: {
          ours: sampleTraffic([sampleStep({ roomSize: 100, deliveriesPerSec: 40_000 }), sampleStep({ roomSize: 200, deliveriesPerSec: 60_000 }), sampleStep({ roomSize: 300, loss: 5 })], 1),
          stock: { kind: 'failed', error: 'could not start the cluster: boom\nmore detail' },
        },
      },
      { id: 'd', title: '(d) 5,000 idle connections per replica', runs: { ours: sampleIdle(12), stock: sampleIdle(16) } },
    ],
    profiles: [],
  };
}
