import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBenchOptions } from '../bench/bench-options.js';
import { silentReporter } from '../bench/progress-reporter.js';
import { writeSoakDocs } from '../bench/report/write-soak-docs.js';
import { runSoak } from '../bench/soak/soak-runner.js';

// The soak's short version, as CI runs it: 100 clients chatting for 30 s through HAProxy on two
// replicas, dropping and resuming now and then. The 10-minute run (`npm run bench -- --soak`)
// judges memory growth; this one checks that the soak still works and that nothing acked is lost
// or doubled while clients come and go.
const docsDir = mkdtempSync(join(tmpdir(), 'soak-docs-'));
afterAll(() => rmSync(docsDir, { recursive: true, force: true }));

describe('npm run bench -- --soak (short)', () => {
  it('delivers every acked message to every member exactly once while clients drop and resume, samples both replicas, and charts them', { timeout: 120_000 }, async () => {
    const options = parseBenchOptions(['--soak', '--soak-minutes=0.5', '--soak-clients=100', '--soak-sample-seconds=2'], {});
    const results = await runSoak(options, silentReporter, 'npm run bench -- --soak --soak-minutes=0.5 --soak-clients=100 --soak-sample-seconds=2');
    const { load, verdict } = results;

    expect(load.connectFailures, load.connectErrors.join('\n')).toBe(0);
    expect(load.messages.typed).toBeGreaterThan(20);
    expect(load.messages.acked).toBe(load.messages.typed);
    expect(load.messages.unacked).toBe(0);
    expect(load.deliveries.owed).toBeGreaterThan(load.messages.acked * 10);
    expect(load.deliveries.delivered).toBe(load.deliveries.owed);
    expect(load.deliveries.lost).toBe(0);
    expect(load.deliveries.duplicateDeliveries).toBe(0);
    expect(load.deliveries.duplicateStored).toBe(0);
    // The workload's schedule comes from a fixed seed: this run always has drops to resume from.
    const drops = load.reconnects.blips + load.reconnects.aways;
    expect(drops).toBeGreaterThan(0);
    expect(load.reconnects.resumedSessions).toBe(drops);
    expect(load.reconnects.identityChanges).toBe(0);
    expect(load.typing.sent).toBeGreaterThan(0);
    expect(load.typing.received).toBeGreaterThan(load.typing.sent);

    expect(results.replicas.map((r) => r.replica)).toEqual(['relay-1', 'relay-2']);
    for (const replica of results.replicas) {
      expect(replica.samples).toBeGreaterThanOrEqual(10);
      expect(replica.heap!.maxBytes).toBeGreaterThan(5 * 1024 ** 2);
      expect(replica.rss!.maxBytes).toBeGreaterThan(replica.heap!.maxBytes);
    }
    expect(verdict.failures).toEqual([]);
    expect(verdict.passed).toBe(true);
    expect(verdict.notes.join('\n')).toMatch(/not judged/); // 30 s is too short to judge heap growth

    copyFileSync(resolve(import.meta.dirname, '../docs/reliability.md'), join(docsDir, 'reliability.md'));
    const { chart, page } = writeSoakDocs(results, docsDir);
    expect(existsSync(chart)).toBe(true);
    expect(readFileSync(chart, 'utf8')).toContain('>relay-2 heap used<');
    const doc = readFileSync(page, 'utf8');
    expect(doc).toContain('## Soak: 100 clients for 0.5 minutes');
    expect(doc).toContain('### SIGKILL of one replica'); // the hand-written sections stay
    expect(doc.split('<!-- soak:start -->')).toHaveLength(2);
  });
});
