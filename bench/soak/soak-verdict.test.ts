import { describe, expect, it } from 'vitest';
import { summarizeMemory } from './memory-summary.js';
import { soakVerdict } from './soak-verdict.js';
import type { SoakLoad } from './soak-results.js';
import { sampleSoakLoad, sampleSoakSamples } from './testing/sample-soak-results.js';

function verdictOf(load: SoakLoad, growthMBPerMin = [0, 0], fullGc?: Parameters<typeof sampleSoakSamples>[2]) {
  return soakVerdict(load, summarizeMemory(sampleSoakSamples([30, 32], growthMBPerMin, fullGc), load.phases), 2);
}

describe('soakVerdict', () => {
  it('passes a run where everything acked arrived once and the heaps stayed flat', () => {
    const verdict = verdictOf(sampleSoakLoad());
    expect(verdict).toMatchObject({ passed: true, failures: [] });
    expect(verdict.notes).toEqual([expect.stringMatching(/^relay-1: heap used judged, -?0\.0\d MB\/min/), expect.stringMatching(/^relay-2: heap used judged/)]);
    expect(verdict.rule).toMatch(/1 MB\/min/);
  });

  it('fails on a single lost or duplicated message', () => {
    const lost = sampleSoakLoad();
    lost.deliveries.lost = 1;
    expect(verdictOf(lost).failures).toEqual(['1 of 500,000 deliveries of acked messages never arrived']);
    const twice = sampleSoakLoad();
    twice.deliveries.duplicateDeliveries = 2;
    twice.deliveries.duplicateStored = 1;
    expect(verdictOf(twice).failures).toHaveLength(2);
    expect(verdictOf(twice).passed).toBe(false);
  });

  it('fails on clients that could not connect, unacked messages, lost history or lost identity', () => {
    const load = sampleSoakLoad();
    load.connectFailures = 1;
    load.connectErrors = ['client 7: not in its rooms within 180 s'];
    load.messages.unacked = 2;
    load.deliveries.epochChanges = 1;
    load.reconnects.identityChanges = 1;
    const { failures } = verdictOf(load);
    expect(failures).toHaveLength(4);
    expect(failures[0]).toContain('client 7');
  });

  it('fails a replica whose heap grows faster than the limit over the last half', () => {
    const verdict = verdictOf(sampleSoakLoad(), [0.2, 1.5]);
    expect(verdict.failures).toHaveLength(1);
    expect(verdict.failures[0]).toMatch(/^relay-2: heap used grew 1\.5\d MB\/min/);
  });

  it('judges the heap retained after full GCs when the last half holds enough of them, not the garbage between them', () => {
    // Heap used climbs 1.5 MB/min on relay-2 (garbage the next full GC frees); what it retains stays flat.
    const flat = verdictOf(sampleSoakLoad(), [0, 1.5], { everyMinutes: 1, retainedGrowthMBPerMin: [0, 0] });
    expect(flat.failures).toEqual([]);
    expect(flat.notes[1]).toMatch(/^relay-2: heap retained after full GCs \(\d+ of them\) judged, 0\.00 MB\/min/);
    // Negative control: a replica that retains more at each full GC fails, though its heap used looks flat.
    const leaking = verdictOf(sampleSoakLoad(), [0, 0], { everyMinutes: 1, retainedGrowthMBPerMin: [0, 1.5] });
    expect(leaking.failures).toEqual([expect.stringMatching(/^relay-2: heap retained after full GCs \(\d+ of them\) grew 1\.5\d MB\/min/)]);
  });

  it('falls back to heap used when the last half holds too few full GCs', () => {
    const verdict = verdictOf(sampleSoakLoad(), [0, 1.5], { everyMinutes: 4, retainedGrowthMBPerMin: [0, 0] });
    expect(verdict.failures).toEqual([expect.stringMatching(/^relay-2: heap used grew 1\.5\d MB\/min/)]);
  });

  it('does not judge growth in a run too short to tell it from GC noise, and says so', () => {
    const load = sampleSoakLoad();
    load.phases.chatEndedAt = load.phases.chatStartedAt + 30_000;
    const verdict = verdictOf(load, [50, 50]);
    expect(verdict.passed).toBe(true);
    expect(verdict.notes).toHaveLength(2);
    expect(verdict.notes[0]).toMatch(/not judged/);
  });

  it('fails when a replica was never sampled', () => {
    const load = sampleSoakLoad();
    expect(soakVerdict(load, [], 2).failures).toEqual(['memory samples from 0 of 2 replicas']);
  });
});
