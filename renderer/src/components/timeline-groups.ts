import type { TimelineRow } from './timeline-rows.js';

/** Consecutive messages of one sender this close together share one name and time. */
export const GROUP_WINDOW_MS = 5 * 60_000;

/** Who wrote a row, for grouping; our own sent and still-pending messages are one sender. */
function senderOf(row: TimelineRow): string | undefined {
  if (row.kind === 'message') return row.own ? '\u0000me' : `u:${row.message.user.id}`;
  if (row.kind === 'pending') return '\u0000me';
  return undefined;
}

/**
 * Keys of the message rows that continue the previous one's group (same sender, within
 * GROUP_WINDOW_MS of it, nothing else in between): the view shows their name and time only to
 * screen readers. A notice or a day separator ends a group.
 */
export function continuedKeys(rows: readonly TimelineRow[]): Set<string> {
  const continued = new Set<string>();
  let previous: { sender: string; time: number } | undefined;
  for (const row of rows) {
    const sender = senderOf(row);
    if (sender === undefined) {
      previous = undefined;
      continue;
    }
    const time = Date.parse(row.time);
    if (previous && previous.sender === sender && time - previous.time <= GROUP_WINDOW_MS && time >= previous.time) continued.add(row.key);
    previous = { sender, time };
  }
  return continued;
}
