import { describe, expect, it } from 'vitest';
import type { Message } from '../../../../shared/protocol-types.js';
import { buildTimeline } from '../../core/timeline.js';
import { NEW_DIVIDER_KEY, withDaySeparators, withNewDivider } from '../timeline-rows.js';

const me = { id: 'me', name: 'Me' };
const ada = { id: 'ada', name: 'Ada' };
const message = (seq: number, user = ada): Message => ({ id: `m${seq}`, seq, clientId: `c${seq}`, room: 'lobby', user, text: `t${seq}`, time: new Date(Date.UTC(2026, 10, 27, 12, seq)).toISOString(), kind: 'text' });
const rows = (messages: Message[]) => withDaySeparators(buildTimeline(messages, [], [], 'me'));
const keys = (list: ReturnType<typeof withNewDivider>) => list.map((r) => r.key);

describe('the "New" divider', () => {
  it('goes before the first message after the read position', () => {
    expect(keys(withNewDivider(rows([message(1), message(2), message(3)]), 1))).toEqual(['day:2026-11-27', 'm1', NEW_DIVIDER_KEY, 'm2', 'm3']);
  });

  it('is not shown when nothing is unread, nothing was read yet, or only the user wrote since', () => {
    expect(keys(withNewDivider(rows([message(1), message(2)]), 2))).not.toContain(NEW_DIVIDER_KEY);
    expect(keys(withNewDivider(rows([message(1), message(2)]), undefined))).not.toContain(NEW_DIVIDER_KEY);
    expect(keys(withNewDivider(rows([message(1), message(2, me)]), 1))).not.toContain(NEW_DIVIDER_KEY);
  });
});
