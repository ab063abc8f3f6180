import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capacitySection, COSTS, deliveryBytes, MEASURED, splitRelayCost } from './capacity-inputs.js';
import { capacityPlan, expectedReplicasPerRoom, userCeiling, type CostInputs, type PodShape } from './capacity-model.js';

// Round numbers, so every expectation below can be checked by hand.
const costs: CostInputs = { relayUsPerDelivery: 10, relayUsPerIngest: 100, relayUsPerSignal: 100, redisUsPerMessage: 100, redisClusterUsPerMessage: 100, relayBaseMB: 100, connectionKB: 50, bytesPerDelivery: 300 };
const shape: PodShape = { relayCpuTarget: 0.5, relayMemoryLimitMB: 1000, relayMemoryTarget: 0.6, connectionsPerPod: 5000, redisCpuTarget: 0.5 };

describe('splitRelayCost', () => {
  it('recovers the per-message and per-delivery costs from two fan-outs', () => {
    // 300 µs per message, 4 µs per delivery: at 100 deliveries per message 7 µs per delivery, at 5 64 µs.
    const split = splitRelayCost({ relayMsPer1000Deliveries: 7, deliveriesPerSec: 1000, messagesPerSec: 10 }, { relayMsPer1000Deliveries: 64, deliveriesPerSec: 500, messagesPerSec: 100 });
    expect(split.perMessageUs).toBeCloseTo(300, 6);
    expect(split.perDeliveryUs).toBeCloseTo(4, 6);
  });

  it('gives the doc costs that reproduce both measured scenarios', () => {
    for (const s of [MEASURED.a, MEASURED.c]) {
      const fanOut = s.deliveriesPerSec / s.messagesPerSec;
      const perMessage = COSTS.relayUsPerIngest + 2 * COSTS.relayUsPerSignal;
      expect(perMessage / fanOut + COSTS.relayUsPerDelivery).toBeCloseTo(s.relayMsPer1000Deliveries, 6);
    }
  });
});

describe('capacityPlan', () => {
  // 60,000 users × 1 msg/min = 1,000 msg/s, rooms of 10 = 10,000 deliveries/s.
  const mix = { users: 60_000, messagesPerUserPerMinute: 1, membersPerRoom: 10 };

  it('sizes relay pods by CPU, memory and the connection target, and names what runs out first', () => {
    // A pod may use 0.1 core here, so CPU needs several.
    const plan = capacityPlan(costs, mix, { ...shape, relayCpuTarget: 0.1 }, 'sharded');
    expect([plan.messagesPerSec, plan.deliveriesPerSec]).toEqual([1000, 10_000]);
    // Memory: 60,000 × 50 KB = 2,930 MB over (600 − 100) MB per pod → 6 pods.
    expect(plan.podsFor.memory).toBe(6);
    expect(plan.podsFor.connectionTarget).toBe(12);
    // CPU at P pods: 0.1 (ingest) + 1,000 × r(P) × 100 µs + 0.1 (deliveries) cores, ≤ 0.1 P:
    // P = 7: r = 5.49, 0.749 / 7 = 0.107 (too much); P = 8: r = 5.85, 0.785 / 8 = 0.098.
    const cores = (pods: number) => 0.1 + 0.1 * expectedReplicasPerRoom(10, pods) + 0.1;
    expect(plan.podsFor.cpu).toBe(8);
    expect(cores(8) / 8).toBeLessThanOrEqual(0.1);
    expect(cores(7) / 7).toBeGreaterThan(0.1);
    expect(plan.relayPods).toBe(12);
    expect(plan.relayLimit).toBe('CPU');
    expect(plan.relayCpuCores).toBeCloseTo(cores(12), 9);
    // Redis: 1,000 × 100 µs = 0.1 core; a Redis Cluster has at least 3 primaries.
    expect(plan.redisCpuCores).toBeCloseTo(0.1, 9);
    expect(plan.redisShards).toBe(3);
    expect(plan.wireMBpsPerPod).toBeCloseTo((10_000 * 300) / 12 / 1e6, 9);
    // Sharded signals mean a Redis Cluster: its own per-message cost sizes the shards.
    const clusterCosts = { ...costs, redisClusterUsPerMessage: 1000 };
    expect(capacityPlan(clusterCosts, mix, shape, 'sharded').redisCpuCores).toBeCloseTo(1, 9);
    expect(capacityPlan(clusterCosts, mix, shape, 'sharded').redisShards).toBe(3);
    expect(capacityPlan(clusterCosts, { ...mix, users: 120_000 }, shape, 'sharded').redisShards).toBe(4);
    expect(capacityPlan(clusterCosts, mix, shape, 'every-replica').redisCpuCores).toBeCloseTo(0.1, 9);
    // With a whole core to use, memory runs out first.
    expect(capacityPlan(costs, mix, { ...shape, relayCpuTarget: 1 }, 'sharded').relayLimit).toBe('memory');
  });

  it('finds no relay pod count when every replica parses every message and the messages alone fill a core', () => {
    // 6,000 msg/s × 100 µs of signal on every replica = 0.6 core per pod, over the 0.5 target at any size.
    const plan = capacityPlan(costs, { ...mix, users: 360_000 }, shape, 'every-replica');
    expect(plan.podsFor.cpu).toBe(Infinity);
    expect(plan.relayPods).toBe(Infinity);
    expect(plan.relayLimit).toBe('CPU');
    expect(capacityPlan(costs, { ...mix, users: 360_000 }, shape, 'sharded').podsFor.cpu).toBeLessThan(Infinity);
    // One Redis primary past its target.
    expect(capacityPlan(costs, { ...mix, users: 360_000 }, shape, 'every-replica').redisShards).toBe(Infinity);
  });

  it('has a user ceiling when signals reach every replica, none when sharded', () => {
    const ceiling = userCeiling(costs, { messagesPerUserPerMinute: 1, membersPerRoom: 10 }, shape, 'every-replica');
    // Per pod: users/60 × 100 µs of signals must stay below 0.5 core minus the rest → under 300,000 users.
    expect(ceiling).toBeGreaterThan(100_000);
    expect(ceiling).toBeLessThan(300_000);
    expect(Number.isFinite(capacityPlan(costs, { ...mix, users: ceiling }, shape, 'every-replica').relayPods)).toBe(true);
    expect(capacityPlan(costs, { ...mix, users: ceiling + 2000 }, shape, 'every-replica').relayPods).toBe(Infinity);
    expect(userCeiling(costs, { messagesPerUserPerMinute: 1, membersPerRoom: 10 }, shape, 'sharded')).toBe(Infinity);
  });
});

describe('expectedReplicasPerRoom', () => {
  it('is 1 with one pod or one member, and approaches the member count with many pods', () => {
    expect(expectedReplicasPerRoom(10, 1)).toBe(1);
    expect(expectedReplicasPerRoom(1, 50)).toBeCloseTo(1, 9);
    expect(expectedReplicasPerRoom(10, 2)).toBeCloseTo(2 * (1 - 0.5 ** 10), 9);
    expect(expectedReplicasPerRoom(10, 10_000)).toBeGreaterThan(9.99);
  });
});

describe('docs/capacity.md', () => {
  it('holds the section this model computes from its inputs', () => {
    const doc = readFileSync(resolve(import.meta.dirname, '../../docs/capacity.md'), 'utf8');
    const section = /<!-- capacity:start -->\n(?:<!--[^\n]*-->\n)?([\s\S]*?)\n<!-- capacity:end -->/.exec(doc)?.[1];
    expect(section).toBe(capacitySection());
  });

  it('counts a delivery as the frame of a typical message plus its WebSocket header', () => {
    const bytes = deliveryBytes();
    expect(bytes).toBeGreaterThan(300);
    expect(bytes).toBeLessThan(400);
  });
});
