import type { LeaveReason, User } from '../../../shared/protocol-types.js';

/** `left`: left the room or closed the app on purpose; `lost`: connection lost or timed out. */
export type NoticeKind = 'joined' | 'left' | 'lost' | 'renamed';

export interface Notice {
  id: string;
  kind: NoticeKind;
  user: User;
  previousName?: string;
  /** Local clock, ISO-8601: notices are this client's observations, not relay history. */
  time: string;
}

/**
 * Who is in one room and what they did, as this client saw it. Never changed in place: every
 * change is a new value, so a view can tell "changed" by identity.
 */
export interface RoomPresence {
  readonly room: string;
  readonly users: ReadonlyMap<string, User>;
  /** user id → until when (epoch ms) the "is typing" hint shows. */
  readonly typing: ReadonlyMap<string, { user: User; until: number }>;
  readonly notices: readonly Notice[];
  /** Notices this room has had, so each gets an id of its own. */
  readonly noticeCount: number;
  /**
   * Everyone online in the room (v1.1 `userCount`), ourselves included: set by a join answer,
   * moved by notices, replaced by `room:presence`. In a large room `users` holds only some of them.
   */
  readonly count: number;
  /**
   * `users` is everyone in the room and notices keep it so: the join answer listed all of them,
   * and no `room:presence` has said since that the relay stopped sending notices.
   */
  readonly complete: boolean;
  /** Join answers applied; a new one means every list of this room's users read before is stale. */
  readonly joins: number;
  /**
   * `room:presence` counts applied that changed the count. In a large room nothing else says
   * that people came or went, so a list read before a change is stale (room-user-pager.ts);
   * a counter, not the count: 150 → 151 → 150 is two changes, not none.
   */
  readonly counted: number;
}

/** What the relay told us about the people of one room. */
export type PresenceEvent =
  | { type: 'joined'; user: User }
  | { type: 'left'; user: User; reason: LeaveReason }
  | { type: 'renamed'; user: User; previousName: string }
  | { type: 'typing'; user: User }
  /** A message from `user` arrived: they stopped typing. */
  | { type: 'message'; user: User }
  /** Our connection dropped: the typing hints seen on it are stale. */
  | { type: 'disconnected' }
  /** `room:presence` (v1.1): the room is above the notice limit and has `count` users. Never a notice. */
  | { type: 'count'; count: number };

export interface PresenceContext {
  /** The relay tells us about ourselves too; that is not news for our own timeline. */
  myId: string | undefined;
  /** Epoch ms; passed in so the reducer stays pure. */
  now: number;
}

/** Notices are a view aid, not history: keep the newest few hundred per room. */
const MAX_NOTICES = 500;
export const TYPING_VISIBLE_MS = 4000;

export function emptyPresence(room: string): RoomPresence {
  return { room, users: new Map(), typing: new Map(), notices: [], noticeCount: 0, count: 0, complete: true, joins: 0, counted: 0 };
}

/**
 * The next presence of a room after `event`. Returns `state` itself when nothing changed, so the
 * caller re-renders only on a real change.
 */
export function reducePresence(state: RoomPresence, event: PresenceEvent, ctx: PresenceContext): RoomPresence {
  switch (event.type) {
    case 'joined': {
      const { user } = event;
      if (user.id === ctx.myId) return state;
      // Already listed (a second device, or a reconnect race): update the name, no notice, same count.
      if (state.users.has(user.id)) return { ...state, users: withEntry(state.users, user.id, user) };
      return withNotice({ ...state, users: withEntry(state.users, user.id, user), count: state.count + 1 }, 'joined', user, ctx.now);
    }
    case 'left': {
      const { user, reason } = event;
      if (user.id === ctx.myId) return state;
      // Someone we never listed counts only while the room has people we do not know (a large
      // room); otherwise it is a repeat of a departure already counted.
      const counted = state.users.has(user.id) || state.count > state.users.size;
      const count = counted ? Math.max(0, state.count - 1) : state.count;
      const next = { ...state, users: without(state.users, user.id), typing: without(state.typing, user.id), count };
      return withNotice(next, reason === 'left' || reason === 'closed' ? 'left' : 'lost', user, ctx.now);
    }
    case 'renamed': {
      const { user, previousName } = event;
      // Our own rename shows in every room we are in; someone else's only where they are.
      if (user.id !== ctx.myId && !state.users.has(user.id)) return state;
      return withNotice({ ...state, users: withEntry(state.users, user.id, user) }, 'renamed', user, ctx.now, previousName);
    }
    case 'typing': {
      const { user } = event;
      if (user.id === ctx.myId) return state;
      return { ...state, typing: withEntry(state.typing, user.id, { user, until: ctx.now + TYPING_VISIBLE_MS }) };
    }
    case 'message':
      return state.typing.has(event.user.id) ? { ...state, typing: without(state.typing, event.user.id) } : state;
    case 'disconnected':
      return state.typing.size > 0 ? { ...state, typing: new Map() } : state;
    case 'count':
      // Notices have stopped (or may have gaps): `users` is a sample from now on, not the room.
      return state.count === event.count && !state.complete ? state : { ...state, count: event.count, complete: false, counted: state.counted + 1 };
  }
}

/**
 * The relay's list of who is in the room (a join answer) replaces ours, and its `userCount` our
 * count. The list holds at most 100 users; it is the whole room only when the count says so.
 */
export function withMembers(state: RoomPresence, users: readonly User[], userCount: number): RoomPresence {
  const members = new Map(users.map((user) => [user.id, user]));
  // A relay before v1.1 sends no userCount: its list is then everyone.
  const count = Number.isFinite(userCount) ? Math.max(userCount, members.size) : members.size;
  return { ...state, users: members, count, complete: members.size >= count, joins: state.joins + 1 };
}

export function typingUsers(state: RoomPresence, now: number): User[] {
  return [...state.typing.values()].filter((t) => t.until > now).map((t) => t.user);
}

function withNotice(state: RoomPresence, kind: NoticeKind, user: User, now: number, previousName?: string): RoomPresence {
  const noticeCount = state.noticeCount + 1;
  const notice: Notice = { id: `${state.room}:n${noticeCount}`, kind, user, time: new Date(now).toISOString() };
  if (previousName !== undefined) notice.previousName = previousName;
  return { ...state, noticeCount, notices: [...state.notices.slice(-(MAX_NOTICES - 1)), notice] };
}

function withEntry<V>(map: ReadonlyMap<string, V>, key: string, value: V): Map<string, V> {
  return new Map(map).set(key, value);
}

function without<V>(map: ReadonlyMap<string, V>, key: string): ReadonlyMap<string, V> {
  if (!map.has(key)) return map;
  const next = new Map(map);
  next.delete(key);
  return next;
}
