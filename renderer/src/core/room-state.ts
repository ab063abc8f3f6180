import type { User } from '../../../shared/protocol-types.js';
import { RoomLog } from './room-log.js';

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

/** Notices are a view aid, not history: keep the newest few hundred per room. */
const MAX_NOTICES = 500;
export const TYPING_VISIBLE_MS = 4000;

/** Everything the client knows about one joined room. */
export class RoomState {
  readonly log = new RoomLog();
  readonly users = new Map<string, User>();
  /** user id → until when (epoch ms) the "is typing" hint shows. */
  readonly typing = new Map<string, { user: User; until: number }>();
  notices: Notice[] = [];
  unread = 0;
  /** Joined on the current connection (live events for it are flowing). */
  synced = false;
  loadingOlder = false;
  private noticeCounter = 0;

  constructor(readonly name: string) {}

  addNotice(kind: NoticeKind, user: User, now: Date, previousName?: string): void {
    const notice: Notice = { id: `${this.name}:n${++this.noticeCounter}`, kind, user, time: now.toISOString() };
    if (previousName !== undefined) notice.previousName = previousName;
    this.notices = [...this.notices.slice(-(MAX_NOTICES - 1)), notice];
  }

  setUsers(users: readonly User[]): void {
    this.users.clear();
    for (const user of users) this.users.set(user.id, user);
  }

  typingUsers(now: number): User[] {
    return [...this.typing.values()].filter((t) => t.until > now).map((t) => t.user);
  }
}
