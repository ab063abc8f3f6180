import { describe, expect, it } from 'vitest';
import { roomUsersResponseSchema } from './answer-schemas.js';

describe('roomUsersResponseSchema (a client reading room:users)', () => {
  it('accepts a page as the contract describes it, with or without a cursor, and extra fields', () => {
    expect(roomUsersResponseSchema.safeParse({ users: [{ id: 'u-1', name: 'Ada' }], next: 'u-1' }).success).toBe(true);
    expect(roomUsersResponseSchema.safeParse({ ok: true, users: [], future: 1 }).success).toBe(true);
  });

  it.each([
    ['no users', {}],
    ['users not a list', { users: 'all' }],
    ['a user without a name', { users: [{ id: 'u-1' }] }],
    ['an empty id', { users: [{ id: '', name: 'A' }] }],
    ['a cursor that is not a user id', { users: [], next: 5 }],
    ['more than a page can hold', { users: Array.from({ length: 201 }, (_, i) => ({ id: `u-${i}`, name: 'A' })) }],
  ])('rejects %s', (_, answer) => {
    expect(roomUsersResponseSchema.safeParse(answer).success).toBe(false);
  });
});
