import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/protocol-types.js';
import type { OutboxEntry } from './outbox.js';
import type { Notice } from './room-presence.js';
import { buildTimeline } from './timeline.js';

const message = (seq: number, minute: number, userId = 'u-ada'): Message => ({
  id: `m${seq}`,
  seq,
  kind: 'text',
  rev: seq,
  clientId: `c${seq}`,
  room: 'lobby',
  user: { id: userId, name: userId },
  text: `t${seq}`,
  time: `2026-11-27T12:${String(minute).padStart(2, '0')}:00.000Z`,
});
const notice = (id: string, minute: number): Notice => ({
  id,
  kind: 'joined',
  user: { id: 'u-x', name: 'X' },
  time: `2026-11-27T12:${String(minute).padStart(2, '0')}:30.000Z`,
});
const pending: OutboxEntry = { clientId: 'p1', room: 'lobby', text: 'wait', createdAt: '2026-11-27T11:00:00.000Z', state: 'sending', attempts: 0 };

describe('buildTimeline', () => {
  it('weaves notices between messages by time, marks own messages and puts pending ones last', () => {
    const entries = buildTimeline([message(1, 1), message(2, 3, 'u-me'), message(3, 5)], [notice('n1', 2), notice('n2', 9)], [pending], 'u-me');
    expect(entries.map((e) => e.key)).toEqual(['m1', 'n1', 'm2', 'm3', 'n2', 'pending:p1']);
    expect(entries.filter((e) => e.kind === 'message' && e.own).map((e) => e.key)).toEqual(['m2']);
  });
});
