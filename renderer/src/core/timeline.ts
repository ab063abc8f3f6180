import type { Message } from '../../../shared/protocol-types.js';
import type { OutboxEntry } from './outbox.js';
import type { Notice } from './room-presence.js';

export type TimelineEntry =
  | { kind: 'message'; key: string; time: string; message: Message; own: boolean }
  | { kind: 'notice'; key: string; time: string; notice: Notice }
  | { kind: 'pending'; key: string; time: string; entry: OutboxEntry };

/**
 * One room's timeline: relay messages in seq order with this client's notices woven in by time,
 * then the messages still in the outbox (they have no seq yet, so they go last). Keys are stable
 * (message ids, notice ids, clientIds) so the view can keep measured row heights.
 */
export function buildTimeline(
  messages: readonly Message[],
  notices: readonly Notice[],
  pending: readonly OutboxEntry[],
  myId: string | undefined,
): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  let n = 0;
  for (const message of messages) {
    for (; n < notices.length && (notices[n] as Notice).time < message.time; n++) out.push(noticeEntry(notices[n] as Notice));
    out.push({ kind: 'message', key: message.id, time: message.time, message, own: message.user.id === myId });
  }
  for (; n < notices.length; n++) out.push(noticeEntry(notices[n] as Notice));
  for (const entry of pending) out.push({ kind: 'pending', key: `pending:${entry.clientId}`, time: entry.createdAt, entry });
  return out;
}

function noticeEntry(notice: Notice): TimelineEntry {
  return { kind: 'notice', key: notice.id, time: notice.time, notice };
}
