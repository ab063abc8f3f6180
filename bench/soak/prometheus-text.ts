/**
 * The value of metric `name` in Prometheus text format: its first series whose labels include
 * `labels` (any series without), undefined when the text has none. Enough for the relay's
 * unlabelled gauges (the registry's default `replica` label aside) and one kind of a labelled one.
 */
export function readMetric(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (match?.[1] !== name) continue;
    if (wanted.some((pair) => !(match[2] ?? '').includes(pair))) continue;
    const value = Number(match[3]);
    if (Number.isFinite(value)) return value;
  }
  return undefined;
}
