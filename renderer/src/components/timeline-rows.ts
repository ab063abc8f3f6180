import type { TimelineEntry } from '../core/timeline.js';

export type TimelineRow = TimelineEntry | { kind: 'day'; key: string; time: string; day: string } | { kind: 'new'; key: string; time: string };

/** The "New" divider's row key (one per room view). */
export const NEW_DIVIDER_KEY = 'new-divider';

/** The local calendar day of an ISO time, as YYYY-MM-DD. */
export function localDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Inserts a day separator before the first entry of each local calendar day. */
export function withDaySeparators(entries: readonly TimelineEntry[]): TimelineRow[] {
  const rows: TimelineRow[] = [];
  let current = '';
  for (const entry of entries) {
    const day = localDay(entry.time);
    if (day !== current) {
      current = day;
      rows.push({ kind: 'day', key: `day:${day}`, time: entry.time, day });
    }
    rows.push(entry);
  }
  return rows;
}

/**
 * Puts the "New" divider before the first message after the read position `readSeq` — but only
 * when someone else wrote one of them: what the user wrote themselves is not news to them.
 */
export function withNewDivider(rows: readonly TimelineRow[], readSeq: number | undefined): TimelineRow[] {
  if (readSeq === undefined) return [...rows];
  const first = rows.findIndex((r) => r.kind === 'message' && r.message.seq > readSeq);
  if (first < 0 || !rows.slice(first).some((r) => r.kind === 'message' && !r.own)) return [...rows];
  const time = rows[first]?.time ?? '';
  return [...rows.slice(0, first), { kind: 'new', key: NEW_DIVIDER_KEY, time }, ...rows.slice(first)];
}

/** "Today", "Yesterday" or a full local date in the UI language. */
export function dayLabel(day: string, locale: string, words: { today: string; yesterday: string }, now = new Date()): string {
  const today = localDay(now.toISOString());
  const yesterday = localDay(new Date(now.getTime() - 86_400_000).toISOString());
  if (day === today) return words.today;
  if (day === yesterday) return words.yesterday;
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full' }).format(new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

export function localTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}
