import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/protocol-types.js';
import { badgeCount, notifyKind, unreadMentions, type NotifyFacts, type NotifyKind } from './room-attention.js';

const me = 'u-me';
let seq = 0;
function msg(from: string, extras: Partial<Message> = {}): Message {
  seq++;
  return { id: `m${seq}`, seq, kind: 'text', clientId: `c${seq}`, room: 'lobby', user: { id: from, name: from }, text: 't', time: '2026-11-30T10:00:00.000Z', ...extras };
}

describe('notifyKind', () => {
  // Every combination of the four facts, so a change to any rule fails one row here.
  const rows: Array<[hidden: boolean, muted: boolean, mentioned: boolean, own: boolean, expected: NotifyKind | undefined]> = [
    [true, false, false, false, 'message'],
    [true, false, true, false, 'mention'],
    [true, true, false, false, undefined],
    [true, true, true, false, 'mention'],
    [true, false, false, true, undefined],
    [true, false, true, true, undefined],
    [true, true, false, true, undefined],
    [true, true, true, true, undefined],
    [false, false, false, false, undefined],
    [false, false, true, false, undefined],
    [false, true, false, false, undefined],
    [false, true, true, false, undefined],
    [false, false, false, true, undefined],
    [false, false, true, true, undefined],
    [false, true, false, true, undefined],
    [false, true, true, true, undefined],
  ];
  it.each(rows)('hidden %s, muted %s, mentioned %s, own %s → %s', (hidden, muted, mentioned, own, expected) => {
    const facts: NotifyFacts = { hidden, muted, mentioned, own };
    expect(notifyKind(facts)).toBe(expected);
  });

  it('still notifies about a mention in a muted room while the window is hidden', () => {
    expect(notifyKind({ hidden: true, muted: true, mentioned: true, own: false })).toBe('mention');
  });
});

describe('unreadMentions', () => {
  it('counts mentions among the newest unread messages from others only', () => {
    const log = [
      msg('u-ada', { mentions: [me] }), // read already: older than the unread ones
      msg('u-ada'),
      msg(me, { mentions: [me] }), // our own
      msg('u-bob', { mentions: [me] }),
      msg('u-bob', { deleted: true }),
      msg('u-ada', { mentions: ['u-bob'] }),
    ];
    expect(unreadMentions(log, 2, me)).toBe(1);
    expect(unreadMentions(log, 3, me)).toBe(1);
    expect(unreadMentions(log, 4, me)).toBe(2);
    expect(unreadMentions(log, 0, me)).toBe(0);
    expect(unreadMentions(log, 4, undefined)).toBe(0);
  });
});

describe('badgeCount', () => {
  it('counts every unread message of an unmuted room but only the mentions of a muted one', () => {
    expect(
      badgeCount([
        { unread: 5, mentions: 1, muted: false },
        { unread: 7, mentions: 2, muted: true },
        { unread: 3, mentions: 0, muted: true },
      ]),
    ).toBe(7);
    expect(badgeCount([])).toBe(0);
  });
});
