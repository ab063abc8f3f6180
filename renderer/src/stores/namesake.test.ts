import { describe, expect, it } from 'vitest';
import { findNamesake, type RoomsWithPeople } from './namesake.js';

const people = (rooms: Record<string, Array<{ id: string; name: string }>>): RoomsWithPeople => ({
  rooms: Object.keys(rooms),
  room: (name) => ({ presence: { users: new Map((rooms[name] ?? []).map((u) => [u.id, u])) } }),
});

describe('findNamesake', () => {
  it('finds someone else online in one of our rooms with the same name, whatever the case or Unicode form', () => {
    const client = people({ lobby: [{ id: 'me', name: 'Me' }], random: [{ id: 'b', name: 'Ｂob' }] });
    expect(findNamesake(client, ' bob ', 'me')).toEqual({ user: { id: 'b', name: 'Ｂob' }, room: 'random' });
  });

  it('does not count ourselves or people of another name', () => {
    const client = people({ lobby: [{ id: 'me', name: 'Bob' }, { id: 'c', name: 'Bobby' }] });
    expect(findNamesake(client, 'Bob', 'me')).toBeUndefined();
  });
});
