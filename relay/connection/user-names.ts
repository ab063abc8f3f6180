import type { User } from '../../shared/index.js';
import type { LocalUsers } from './local-users.js';
import type { UserStore } from '../store/user-store.js';

/** Names for user ids: local connections first (no round trip), then the central store. */
export async function resolveUsers(ids: string[], local: LocalUsers, store: UserStore): Promise<User[]> {
  const missing = ids.filter((id) => local.userOf(id) === undefined);
  const stored = missing.length > 0 ? await store.getNames(missing) : new Map<string, string>();
  // A local user's own object, not a copy: a join answer lists a hundred (issue 15).
  return ids.map((id) => local.userOf(id) ?? { id, name: stored.get(id) ?? 'Someone' });
}
