import { describe, expect, it } from 'vitest';
import { performanceDoc } from './performance-doc.js';
import { sampleResults } from './sample-results.js';

describe('performanceDoc', () => {
  it('holds the table, the machine, the exact command and links to both charts', () => {
    const doc = performanceDoc(sampleResults());
    expect(doc).toContain('| deliveries/s ↑ | 80,000 | 100,000 | 0.80× |');
    expect(doc).toContain('2 cores (Test CPU), 8.0 GB memory, Node v20.20.0 on linux x64');
    expect(doc).toContain('```sh\nnpm run bench -- --write-docs\n```');
    expect(doc).toContain('](perf-latency.svg)');
    expect(doc).toContain('](perf-throughput.svg)');
    expect(doc).not.toContain('smoke sizes');
    const onImageNode = sampleResults();
    onImageNode.machine.relayNode = 'v24.21.0';
    expect(performanceDoc(onImageNode)).toContain('Node v20.20.0 (both relays on Node v24.21.0, RELAY_NODE) on linux x64');
  });

  it('describes every scenario, (e) and (f) included, and shows the lobby fill chart only when (e) ran', () => {
    const doc = performanceDoc(sampleResults());
    for (const scenario of ['(d) idle', '(e) lobby fill', '(f) reconnect storm']) expect(doc).toContain(`**${scenario}**`);
    expect(doc).toContain('users **stay in the lobby**');
    expect(doc).toContain('**Same replica / other replica** ((c))');
    expect(doc).not.toContain('perf-lobby-fill.svg');
    const withFill = sampleResults();
    withFill.scenarios.push({ id: 'e', title: '(e) lobby fill', runs: {} });
    expect(performanceDoc(withFill)).toContain('](perf-lobby-fill.svg)');
  });

  it('documents --redis-cluster under "Running it", and says when our relays ran on the cluster', () => {
    expect(performanceDoc(sampleResults())).toContain('npm run bench -- --only=c --redis-cluster');
    expect(performanceDoc(sampleResults())).not.toContain('Both relays ran on a 3 + 3 **Redis Cluster**');
    expect(performanceDoc({ ...sampleResults(), redisCluster: true })).toContain('Both relays ran on a 3 + 3 **Redis Cluster**');
  });

  it('warns when the numbers come from the smoke run, and lists profile hot spots when there are some', () => {
    const results = {
      ...sampleResults(),
      smoke: true,
      profiles: [{ scenario: 'b', implementation: 'ours' as const, process: 'relay' as const, file: 'x.cpuprofile', totalMs: 5000, top: [{ functionName: 'writev', location: '', selfMs: 2000, selfPercent: 40 }] }],
    };
    const doc = performanceDoc(results);
    expect(doc).toContain('**smoke sizes**');
    expect(doc).toContain('| 1 | 2000 | 40.0 | `writev` | — |');
  });
});
