import type { User } from '../../../shared/protocol-types.js';
import { fail, ok, type ClientError, type Result } from './client-result.js';
import type { Requester } from './relay-request.js';
import type { RoomPresence } from './room-presence.js';

/** Users per `room:users` request while scrolling; a search asks for the contract's maximum. */
export const PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 200;

export interface RoomUserPagerDeps {
  room: string;
  request: Requester;
  /** The room's presence now; undefined once the room is left. */
  presence(): RoomPresence | undefined;
  /** Loaded users, `loading` or `error` changed. */
  changed(): void;
}

/**
 * The users of a large room, page by page (`room:users`, v1.1) in the relay's stable order, each
 * once. Follows the room's presence lazily, on every read: a new join answer (reconnect, resume)
 * starts it over, since anyone may have come or gone meanwhile; notices (which the relay sends
 * only while the room is small) add, drop and rename users in place.
 */
export class RoomUserPager {
  /** Insertion-ordered: a page appends, a rename keeps the place, a departure removes. */
  private readonly loaded = new Map<string, User>();
  private next: string | undefined;
  private done = false;
  private inFlight: Promise<Result<number>> | undefined;
  /** Bumped by every start-over, so an answer to a request made before it is dropped. */
  private generation = 0;
  private joins = -1;
  private noticesSeen = 0;
  private errorValue: ClientError | undefined;
  /** Bumped on every change, so a view can tell "changed" cheaply. */
  version = 0;

  constructor(private readonly deps: RoomUserPagerDeps) {}

  get users(): User[] {
    this.follow();
    return [...this.loaded.values()];
  }

  get size(): number {
    this.follow();
    return this.loaded.size;
  }

  /** Every page has been loaded (the list is the whole room, kept current by notices if any). */
  get complete(): boolean {
    this.follow();
    return this.done;
  }

  get loading(): boolean {
    return this.inFlight !== undefined;
  }

  /** The last page request failed; cleared by the next attempt or a new join answer. */
  get error(): ClientError | undefined {
    return this.errorValue;
  }

  /** Loads the next page; resolves with how many users it added. Concurrent calls share one request. */
  loadMore(limit = PAGE_SIZE): Promise<Result<number>> {
    this.follow();
    if (this.done) return Promise.resolve(ok(0));
    if (this.inFlight) return this.inFlight;
    const request = this.fetch(limit);
    this.inFlight = request;
    this.touch();
    void request.finally(() => {
      if (this.inFlight !== request) return;
      this.inFlight = undefined;
      this.touch();
    });
    return request;
  }

  private async fetch(limit: number): Promise<Result<number>> {
    const generation = this.generation;
    const { room } = this.deps;
    const res = await this.deps.request('room:users', this.next === undefined ? { room, limit } : { room, after: this.next, limit });
    if (generation !== this.generation) return ok(0);
    if (!res.ok) {
      this.errorValue = res.error;
      return { ok: false, error: res.error };
    }
    if (!Array.isArray(res.users)) return fail('invalid_payload');
    this.errorValue = undefined;
    const before = this.loaded.size;
    for (const user of res.users) this.loaded.set(user.id, user);
    this.next = res.next;
    // An empty page with a cursor would otherwise be asked for again and again.
    this.done = res.next === undefined || res.users.length === 0;
    return ok(this.loaded.size - before);
  }

  private follow(): void {
    const presence = this.deps.presence();
    if (!presence) return;
    if (presence.joins !== this.joins) {
      this.joins = presence.joins;
      this.startOver(presence);
      return;
    }
    const fresh = presence.noticeCount - this.noticesSeen;
    if (fresh === 0) return;
    // More notices than the room keeps came while no one looked: load afresh rather than guess.
    if (fresh > presence.notices.length) return this.startOver(presence);
    for (const notice of presence.notices.slice(-fresh)) {
      if (notice.kind === 'left' || notice.kind === 'lost') this.loaded.delete(notice.user.id);
      // A newcomer shows at once; if a later page has them too, they stay listed once.
      else this.loaded.set(notice.user.id, notice.user);
    }
    this.noticesSeen = presence.noticeCount;
    this.version++;
  }

  private startOver(presence: RoomPresence): void {
    this.generation++;
    this.loaded.clear();
    this.next = undefined;
    this.done = false;
    this.inFlight = undefined;
    this.errorValue = undefined;
    this.noticesSeen = presence.noticeCount;
    this.version++;
  }

  private touch(): void {
    this.version++;
    this.deps.changed();
  }
}
