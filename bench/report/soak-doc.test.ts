import { describe, expect, it } from 'vitest';
import { summarizeMemory } from '../soak/memory-summary.js';
import { soakVerdict } from '../soak/soak-verdict.js';
import { sampleSoakResults, sampleSoakSamples } from '../soak/testing/sample-soak-results.js';
import { soakChartSvg } from './soak-chart.js';
import { replaceSoakSection, soakSection, SOAK_END, SOAK_START } from './soak-doc.js';
import { expectInside, expectWellFormed } from './testing/svg-assertions.js';

function results() {
  const base = sampleSoakResults({ samples: sampleSoakSamples([30, 32], [0, 0], { everyMinutes: 1, retainedGrowthMBPerMin: [0.1, 0] }) });
  const replicas = summarizeMemory(base.samples, base.load.phases);
  return { ...base, replicas, verdict: soakVerdict(base.load, replicas, 2) };
}

describe('the soak section of docs/reliability.md', () => {
  it('reports memory per replica, the message counts, the mix and the rule', () => {
    const section = soakSection(results());
    expect(section.startsWith(SOAK_START)).toBe(true);
    expect(section.endsWith(SOAK_END)).toBe(true);
    expect(section).toContain('## Soak: 1,000 clients for 10 minutes');
    expect(section).toContain('**Verdict: passed.**');
    expect(section).toMatch(/\| relay-1 \| \d+\.\d MB \| \d+\.\d MB \| \d+\.\d MB \| [+-]\d\.\d\d MB\/min \| 30\.1 MB → 31\.1 MB, \+0\.10 MB\/min \(\d in the last half\) \| 100\.0 MB/);
    expect(section).toContain('| **lost** | **0** |');
    expect(section).toContain('| reconnects: network blips / away and back | 700 / 300 |');
    expect(section).toContain('rooms of 10–50 members (66 rooms, mean size 30.3)');
    expect(section).toContain('1 MB/min');
    expect(section).not.toMatch(/NaN|undefined/);
  });

  it('says FAILED and why', () => {
    const failed = results();
    failed.verdict = { ...failed.verdict, passed: false, failures: ['3 of 500,000 deliveries of acked messages never arrived'] };
    expect(soakSection(failed)).toContain('**Verdict: FAILED.** 3 of 500,000 deliveries of acked messages never arrived.');
  });

  it('replaces only what lies between the markers, and appends the section to a page without them', () => {
    const page = `# Reliability\n\nHand-written.\n\n${SOAK_START}\nold figures\n${SOAK_END}\n\n## Reproduce\n\nBy hand too.\n`;
    const updated = replaceSoakSection(page, `${SOAK_START}\nnew figures\n${SOAK_END}`);
    expect(updated).toBe(`# Reliability\n\nHand-written.\n\n${SOAK_START}\nnew figures\n${SOAK_END}\n\n## Reproduce\n\nBy hand too.\n`);
    expect(replaceSoakSection(updated, `${SOAK_START}\nnew figures\n${SOAK_END}`)).toBe(updated);
    expect(replaceSoakSection('# Reliability\n', `${SOAK_START}\nx\n${SOAK_END}`)).toBe(`# Reliability\n\n${SOAK_START}\nx\n${SOAK_END}\n`);
  });
});

describe('docs/reliability/soak.svg', () => {
  it('draws heap and RSS of every replica and the chat phase, inside the view box, the same bytes for the same run', () => {
    const svg = soakChartSvg(results());
    expectWellFormed(svg);
    expectInside(svg, 720, 420);
    for (const name of ['relay-1 heap used', 'relay-1 RSS', 'relay-2 heap used', 'relay-2 RSS']) expect(svg).toContain(`>${name}<`);
    expect(svg).toContain('>chat phase (all clients connected)<');
    expect(svg.match(/<path /g)).toHaveLength(5);
    expect(soakChartSvg(results())).toBe(svg);
  });
});
