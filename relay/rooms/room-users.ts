import type { RoomUsersResponse } from '../../shared/index.js';
import { resolveUsers } from '../connection/user-names.js';
import type { RelayContext } from '../relay-context.js';
import { withStoreTimeout } from '../store/store-timeout.js';

/**
 * One page of a room's online users, for `room:users` and `GET /api/rooms/:room/users` alike:
 * in id order from after `after`, names resolved in one store round trip for the whole page.
 */
export async function roomUsersPage(ctx: RelayContext, room: string, after: string | undefined, limit: number): Promise<RoomUsersResponse> {
  const page = await withStoreTimeout(ctx.stores.presence.page(room, after, limit));
  const users = await withStoreTimeout(resolveUsers(page.userIds, ctx.localUsers, ctx.stores.users));
  return page.next === undefined ? { users } : { users, next: page.next };
}
