import type { TimelineRow } from './timeline-rows.js';

/**
 * How many messages from others arrived after `lastSeenKey` (the newest row when the user
 * scrolled up). Our own messages do not count: we know what we wrote.
 */
export function countNewAfter(rows: readonly TimelineRow[], lastSeenIndex: number | undefined): number {
  if (lastSeenIndex === undefined) return 0;
  let count = 0;
  for (let i = lastSeenIndex + 1; i < rows.length; i++) {
    const row = rows[i];
    if (row?.kind === 'message' && !row.own) count++;
  }
  return count;
}
