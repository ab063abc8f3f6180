import type { User } from '../../../shared/protocol-types.js';

/**
 * What a name is compared by: lower case, without accents and extra spaces, so "jose" finds
 * "José" and "muller" finds "Müller". Cached per user object: a rename brings a new object.
 */
const keys = new WeakMap<User, string>();

export function nameKey(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase().replace(/\s+/g, ' ').trim();
}

function keyOf(user: User): string {
  let key = keys.get(user);
  if (key === undefined) keys.set(user, (key = nameKey(user.name)));
  return key;
}

/** The users whose name contains `query` (as typed), in their given order. */
export function filterByName(users: readonly User[], query: string): User[] {
  const wanted = nameKey(query);
  if (wanted === '') return [...users];
  return users.filter((user) => keyOf(user).includes(wanted));
}
