/**
 * The value of metric `name` in Prometheus text format (its first series, whatever its labels);
 * undefined when the text has none. Enough for the relay's unlabelled gauges (the registry's
 * default `replica` label aside).
 */
export function readMetric(text: string, name: string): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (match?.[1] !== name) continue;
    const value = Number(match[3]);
    if (Number.isFinite(value)) return value;
  }
  return undefined;
}
