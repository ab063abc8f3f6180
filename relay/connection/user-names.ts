import type { User } from '../../shared/index.js';
import type { LocalUsers } from './local-users.js';
import type { UserStore } from '../store/user-store.js';

/** Names for user ids: local connections first (no round trip), then the central store. */
export async function resolveUsers(ids: string[], local: LocalUsers, store: UserStore): Promise<User[]> {
  const missing = ids.filter((id) => local.nameOf(id) === undefined);
  const stored = missing.length > 0 ? await store.getNames(missing) : new Map<string, string>();
  return ids.map((id) => ({ id, name: local.nameOf(id) ?? stored.get(id) ?? 'Someone' }));
}
