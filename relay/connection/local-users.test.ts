import { describe, expect, it } from 'vitest';
import type { RelaySocket } from '../socket-types.js';
import { LocalUsers } from './local-users.js';

const socket = (id: string, name: string) => ({ data: { user: { id, name } } }) as unknown as RelaySocket;

describe('LocalUsers', () => {
  it('finds a user’s name from any of their connections, and forgets them with the last one', () => {
    const users = new LocalUsers();
    const [a1, a2, a3] = [socket('a', 'Ada'), socket('a', 'Ada'), socket('a', 'Ada')];
    users.add(a1);
    users.add(a2);
    users.add(a3);
    users.add(a3);
    users.remove(a1);
    users.remove(a3);
    expect(users.nameOf('a')).toBe('Ada');
    users.remove(a2);
    expect(users.nameOf('a')).toBeUndefined();
    users.remove(a2);
    expect(users.nameOf('a')).toBeUndefined();
  });

  it('renames every connection of the user and no one else’s', () => {
    const users = new LocalUsers();
    const [a1, a2, b] = [socket('a', 'Ada'), socket('a', 'Ada'), socket('b', 'Bob')];
    for (const s of [a1, a2, b]) users.add(s);
    users.rename('a', 'Grace');
    expect([a1, a2, b].map((s) => s.data.user.name)).toEqual(['Grace', 'Grace', 'Bob']);
    users.remove(a1);
    users.rename('a', 'Lin');
    expect(a2.data.user.name).toBe('Lin');
    expect(a1.data.user.name).toBe('Grace');
    expect(users.nameOf('b')).toBe('Bob');
  });

  it('hands out a connection’s own user object, and the renamed one after a rename', () => {
    const users = new LocalUsers();
    const [a1, a2] = [socket('a', 'Ada'), socket('a', 'Ada')];
    users.add(a1);
    users.add(a2);
    expect(users.userOf('a')).toBe(a1.data.user);
    users.rename('a', 'Grace');
    expect(users.userOf('a')).toBe(a1.data.user);
    expect(users.userOf('a')).toEqual({ id: 'a', name: 'Grace' });
    expect(users.userOf('b')).toBeUndefined();
  });
});
