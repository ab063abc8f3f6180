import { describe, expect, it } from 'vitest';
import { readMetric } from './prometheus-text.js';

const TEXT = `# HELP nodejs_heap_size_used_bytes Process heap size used from Node.js in bytes.
# TYPE nodejs_heap_size_used_bytes gauge
nodejs_heap_size_used_bytes{replica="relay-1"} 25959160
# HELP nodejs_heap_size_used_bytes_extra not the same metric
nodejs_heap_size_used_bytes_extra{replica="relay-1"} 1
process_resident_memory_bytes 92688384
relay_connections{replica="relay-1"} 50
`;

describe('readMetric', () => {
  it('reads a gauge with or without labels, and only the metric named', () => {
    expect(readMetric(TEXT, 'nodejs_heap_size_used_bytes')).toBe(25_959_160);
    expect(readMetric(TEXT, 'process_resident_memory_bytes')).toBe(92_688_384);
    expect(readMetric(TEXT, 'relay_connections')).toBe(50);
  });

  it('reads the series whose labels include the ones asked for', () => {
    const gc = 'nodejs_gc_duration_seconds_count{kind="minor",replica="r"} 120\nnodejs_gc_duration_seconds_count{kind="major",replica="r"} 7\n';
    expect(readMetric(gc, 'nodejs_gc_duration_seconds_count', { kind: 'major' })).toBe(7);
    expect(readMetric(gc, 'nodejs_gc_duration_seconds_count')).toBe(120);
    expect(readMetric(gc, 'nodejs_gc_duration_seconds_count', { kind: 'weakcb' })).toBeUndefined();
  });

  it('answers undefined when the metric is absent or not a number', () => {
    expect(readMetric(TEXT, 'nodejs_heap_size_total_bytes')).toBeUndefined();
    expect(readMetric('up{a="b"} NaN-ish', 'up')).toBeUndefined();
  });
});
