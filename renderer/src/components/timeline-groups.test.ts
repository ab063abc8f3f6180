import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/protocol-types.js';
import { continuedKeys } from './timeline-groups.js';
import type { TimelineRow } from './timeline-rows.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 12, minute)).toISOString();
function msg(key: string, userId: string, minute: number, own = false): TimelineRow {
  const message = { id: key, seq: 1, clientId: key, room: 'lobby', user: { id: userId, name: 'Alice' }, text: 'x', time: at(minute) } as Message;
  return { kind: 'message', key, time: message.time, message, own };
}

describe('continuedKeys', () => {
  it('groups one sender within five minutes, but not two people who share a name', () => {
    const rows = [msg('a1', 'u-1', 0), msg('a2', 'u-1', 4), msg('b1', 'u-2', 5), msg('b2', 'u-2', 11), msg('b3', 'u-2', 12)];
    expect([...continuedKeys(rows)]).toEqual(['a2', 'b3']);
  });

  it('lets a notice or a day separator end a group, and joins our pending messages to our sent ones', () => {
    const notice: TimelineRow = { kind: 'notice', key: 'n1', time: at(1), notice: { id: 'n1', kind: 'joined', user: { id: 'u-3', name: 'C' }, time: at(1) } };
    const pending: TimelineRow = {
      kind: 'pending',
      key: 'pending:c9',
      time: at(3),
      entry: { clientId: 'c9', room: 'lobby', text: 'y', createdAt: at(3), state: 'sending', attempts: 0 },
    };
    expect([...continuedKeys([msg('a1', 'u-1', 0), notice, msg('a2', 'u-1', 2)])]).toEqual([]);
    expect([...continuedKeys([msg('m1', 'u-me', 2, true), pending])]).toEqual(['pending:c9']);
  });
});
