import * as z from 'zod/mini';
import { ROOM_USERS_LIMIT_MAX, type RoomUsersResponse, type User } from './protocol-types.js';

/**
 * Schemas for relay answers a client reads (the relay's side of the trust boundary, seen from
 * the client). zod/mini, not zod: the web client bundles these, and mini tree-shakes to the few
 * checks used. Deliberately no stricter than the contract: a client that rejects what a newer
 * relay may send (a longer name, an extra field) would break for nothing.
 */
const userIdSchema = z.string().check(z.minLength(1), z.maxLength(64));
export const userSchema = z.object({ id: userIdSchema, name: z.string() });

/** The ack of `room:users` and the answer of `GET /api/rooms/:room/users` (v1.1), without `ok`. */
export const roomUsersResponseSchema = z.object({
  users: z.array(userSchema).check(z.maxLength(ROOM_USERS_LIMIT_MAX)),
  next: z.optional(userIdSchema),
});

// The schemas and the contract's types must not drift apart: each must accept the other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameUser: Same<z.infer<typeof userSchema>, User> = true;
const sameRoomUsers: Same<z.infer<typeof roomUsersResponseSchema>, RoomUsersResponse> = true;
void sameUser;
void sameRoomUsers;
