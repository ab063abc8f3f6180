import { describe, expect, it } from 'vitest';
import { emptyPresence, reducePresence, typingUsers, withMembers, type PresenceEvent, type RoomPresence } from './room-presence.js';

const me = { id: 'u-me', name: 'Vreni' };
const ada = { id: 'u-ada', name: 'Ada' };
const ctx = { myId: me.id, now: Date.UTC(2026, 10, 27, 12) };
const apply = (events: PresenceEvent[], start: RoomPresence = emptyPresence('lobby')) => events.reduce((s, e) => reducePresence(s, e, ctx), start);

describe('reducePresence', () => {
  it('notes a join once, even when the relay reports the same user again', () => {
    const state = apply([{ type: 'joined', user: ada }, { type: 'joined', user: { ...ada, name: 'Ada L.' } }]);
    expect(state.notices.map((n) => [n.id, n.kind, n.user.name])).toEqual([['lobby:n1', 'joined', 'Ada']]);
    expect(state.users.get(ada.id)?.name).toBe('Ada L.');
  });

  it('tells leaving on purpose from losing the connection, and drops the user and their typing hint', () => {
    const joined = apply([{ type: 'joined', user: ada }, { type: 'typing', user: ada }]);
    expect(apply([{ type: 'left', user: ada, reason: 'closed' }], joined).notices.at(-1)?.kind).toBe('left');
    const lost = apply([{ type: 'left', user: ada, reason: 'timeout' }], joined);
    expect(lost.notices.at(-1)?.kind).toBe('lost');
    expect(lost.users.size).toBe(0);
    expect(lost.typing.size).toBe(0);
  });

  it('shows a rename only where the user is, and our own everywhere', () => {
    const renamed: PresenceEvent = { type: 'renamed', user: { ...ada, name: 'Ada L.' }, previousName: 'Ada' };
    const empty = emptyPresence('lobby');
    expect(reducePresence(empty, renamed, ctx)).toBe(empty);
    expect(apply([{ type: 'renamed', user: { ...me, name: 'V.' }, previousName: 'Vreni' }]).notices).toMatchObject([{ kind: 'renamed', previousName: 'Vreni' }]);
  });

  it('ignores our own joins, leaves and typing, returning the same state', () => {
    const start = withMembers(emptyPresence('lobby'), [me, ada], 2);
    for (const event of [{ type: 'joined', user: me }, { type: 'left', user: me, reason: 'left' }, { type: 'typing', user: me }] as const) {
      expect(reducePresence(start, event, ctx)).toBe(start);
    }
  });

  it('shows a typing hint for a few seconds, until the message arrives or the connection drops', () => {
    const typing = apply([{ type: 'typing', user: ada }]);
    expect(typingUsers(typing, ctx.now + 3000)).toEqual([ada]);
    expect(typingUsers(typing, ctx.now + 5000)).toEqual([]);
    expect(typingUsers(apply([{ type: 'message', user: ada }], typing), ctx.now)).toEqual([]);
    expect(typingUsers(apply([{ type: 'disconnected' }], typing), ctx.now)).toEqual([]);
  });

  it('never changes a state in place, so views can compare by identity', () => {
    const start = apply([{ type: 'joined', user: ada }]);
    const users = start.users;
    const notices = start.notices;
    apply([{ type: 'left', user: ada, reason: 'left' }, { type: 'joined', user: me }], start);
    expect(start.users).toBe(users);
    expect(start.users.has(ada.id)).toBe(true);
    expect(start.notices).toBe(notices);
    expect(notices).toHaveLength(1);
  });

});

describe('the online count (v1.1 large rooms)', () => {
  const bob = { id: 'u-bob', name: 'Bob' };
  const cy = { id: 'u-cy', name: 'Cy' };

  it('starts from the join answer and follows joins and leaves, each counted once', () => {
    const start = withMembers(emptyPresence('lobby'), [me, ada], 2);
    expect([start.count, start.complete]).toEqual([2, true]);
    const state = apply([{ type: 'joined', user: bob }, { type: 'joined', user: bob }, { type: 'left', user: ada, reason: 'left' }, { type: 'left', user: ada, reason: 'timeout' }], start);
    expect(state.count).toBe(2);
    expect([...state.users.keys()]).toEqual([me.id, bob.id]);
  });

  it('in a room larger than the join answer, counts the departure of someone it never listed', () => {
    const start = withMembers(emptyPresence('lobby'), [me, ada], 500);
    expect(start.complete).toBe(false);
    expect(apply([{ type: 'left', user: cy, reason: 'left' }, { type: 'joined', user: bob }], start).count).toBe(500);
  });

  it('takes room:presence as the count without adding a notice, and stops trusting the list', () => {
    const start = withMembers(emptyPresence('lobby'), [me, ada], 2);
    const state = apply([{ type: 'count', count: 150 }], start);
    expect([state.count, state.complete, state.notices.length, state.users.size]).toEqual([150, false, 0, 2]);
    expect(reducePresence(state, { type: 'count', count: 150 }, ctx)).toBe(state);
  });

  it('a fresh join answer resets the count and the list, whatever came before', () => {
    const before = apply([{ type: 'count', count: 150 }, { type: 'joined', user: bob }], withMembers(emptyPresence('lobby'), [me], 1));
    const after = withMembers(before, [me, cy], 2);
    expect([after.count, after.complete, after.joins - before.joins, [...after.users.keys()]]).toEqual([2, true, 1, [me.id, cy.id]]);
  });
});
