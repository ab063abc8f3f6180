import { roomUsersResponseSchema } from '../../../shared/answer-schemas.js';
import { ROOM_USERS_LIMIT_MAX, type RoomUsersResponse, type User } from '../../../shared/protocol-types.js';
import { fail, ok, RETRYABLE_CODES, type ClientError, type Result } from './client-result.js';
import type { Requester } from './relay-request.js';
import type { RoomPresence } from './room-presence.js';

/** Users per `room:users` request while scrolling; a search and a re-read ask for the contract's maximum. */
export const PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = ROOM_USERS_LIMIT_MAX;

export interface RoomUserPagerDeps {
  room: string;
  request: Requester;
  /** The room's presence now; undefined once the room is left. */
  presence(): RoomPresence | undefined;
  /** Loaded users, `loading` or `error` changed. */
  changed(): void;
}

/** What the last failed request was doing: the view words the error, and Retry repeats it. */
export type PagerFailure = { error: ClientError; during: 'page' | 'reread' };

/**
 * The users of a large room, page by page (`room:users`, v1.1) in the relay's stable order, each
 * once. Follows the room's presence lazily, on every read: a new join answer (reconnect, resume)
 * starts it over, since anyone may have come or gone meanwhile; notices (which the relay sends
 * only while the room is small) add, drop and rename users in place.
 *
 * Above the notice limit nothing tells who came, left or was renamed, only that the count moved
 * (`room:presence`): the loaded pages are then `stale`, and `reread` reads them again and swaps
 * them in at once. When to do so is room-user-list.ts's call (only while someone looks).
 */
export class RoomUserPager {
  /** Insertion-ordered: a page appends, a rename keeps the place, a departure removes. */
  private loaded = new Map<string, User>();
  private next: string | undefined;
  private done = false;
  private inFlight: { request: Promise<Result<number>>; kind: 'page' | 'reread' } | undefined;
  /** Bumped by every start-over, so an answer to a request made before it is dropped. */
  private generation = 0;
  private joins = -1;
  private noticesSeen = 0;
  /** `presence.counted` when the loaded users were read (-1: not yet known). */
  private countedSeen = -1;
  /** Notices came after `room:presence`: the room is back within the notice limit (see `stale`). */
  private noticesResumed = false;
  /** `presence.counted` at the last notice or join answer: a notice after a newer count is a resumption. */
  private countedAtNotice = 0;
  private failure: PagerFailure | undefined;
  /** When the loaded users were last read from the relay (epoch ms; 0 while none are). */
  private readAtMs = 0;
  /** Requests the last re-read took: what the next one will cost, roughly. */
  private lastRereadPages = 1;
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

  /** A page is being loaded (a re-read is not: the list shown stays as it is meanwhile). */
  get loading(): boolean {
    return this.inFlight?.kind === 'page';
  }

  get busy(): boolean {
    return this.inFlight !== undefined;
  }

  /** The last request failed; cleared by the next attempt that succeeds or a new join answer. */
  get error(): PagerFailure | undefined {
    return this.failure;
  }

  /**
   * What is loaded no longer tells the truth: the count moved since it was read (people came or
   * went, unseen), or notices resumed after a large phase (the list should be the whole room
   * again, and changes during the large phase were never told).
   */
  get stale(): boolean {
    this.follow();
    if (this.loaded.size === 0 && !this.done) return false;
    return this.noticesResumed || this.countedSeen !== this.deps.presence()?.counted;
  }

  /** When the loaded users were read (epoch ms), and how many requests reading them again takes. */
  get readAt(): number {
    return this.readAtMs;
  }

  get rereadPages(): number {
    return this.lastRereadPages;
  }

  /** Loads the next page; resolves with how many users it added. Concurrent calls share one request. */
  loadMore(limit = PAGE_SIZE): Promise<Result<number>> {
    this.follow();
    if (this.inFlight) return this.inFlight.request;
    if (this.done) return Promise.resolve(ok(0));
    return this.track(this.fetch(limit), 'page');
  }

  /**
   * Reads what is loaded again from the start (200 at a time, as far as it reached before, or
   * everything once the whole room was loaded or notices resumed) and swaps it in when all of it
   * has come, so the list never shows half old, half new. A failure keeps the list as it was.
   */
  reread(): Promise<Result<number>> {
    this.follow();
    if (this.inFlight) return this.inFlight.request;
    return this.track(this.readAgain(), 'reread');
  }

  private track(request: Promise<Result<number>>, kind: 'page' | 'reread'): Promise<Result<number>> {
    this.inFlight = { request, kind };
    this.touch();
    void request.finally(() => {
      if (this.inFlight?.request !== request) return;
      this.inFlight = undefined;
      this.touch();
    });
    return request;
  }

  private async fetch(limit: number): Promise<Result<number>> {
    const generation = this.generation;
    const counted = this.deps.presence()?.counted ?? 0;
    const page = await this.page(this.next, limit);
    if (generation !== this.generation) return ok(0);
    if (!page.ok) return this.failed(page.error, 'page');
    this.failure = undefined;
    const before = this.loaded.size;
    // The first page dates what is loaded; later ones extend it and leave that date alone.
    if (before === 0) this.markRead(counted);
    for (const user of page.value.users) this.loaded.set(user.id, user);
    this.next = page.value.next;
    // An empty page with a cursor would otherwise be asked for again and again.
    this.done = page.value.next === undefined || page.value.users.length === 0;
    return ok(this.loaded.size - before);
  }

  private async readAgain(): Promise<Result<number>> {
    const generation = this.generation;
    const presence = this.deps.presence();
    const counted = presence?.counted ?? 0;
    const noticesFrom = presence?.noticeCount ?? 0;
    const everyone = this.done || this.noticesResumed;
    const reach = Math.max(this.loaded.size, 1);
    const fresh = new Map<string, User>();
    let after: string | undefined;
    let done = false;
    let pages = 0;
    for (;;) {
      const page = await this.page(after, MAX_PAGE_SIZE);
      pages++;
      if (generation !== this.generation) return ok(0);
      // A passing refusal (busy, rate limited, offline) is not worth a line: the list stays, and
      // the pacer tries again at its pace. Anything else the user should see, with Retry.
      if (!page.ok) return RETRYABLE_CODES.has(page.error.code) ? page : this.failed(page.error, 'reread');
      for (const user of page.value.users) fresh.set(user.id, user);
      after = page.value.next;
      done = after === undefined || page.value.users.length === 0;
      if (done || (!everyone && fresh.size >= reach)) break;
    }
    this.failure = undefined;
    // A resumption seen while a partial re-read ran still wants everyone read.
    if (everyone) this.noticesResumed = false;
    this.loaded = fresh;
    this.next = done ? undefined : after;
    this.done = done;
    this.lastRereadPages = pages;
    this.markRead(counted);
    // Notices that came while the pages were read are newer than them: apply them again.
    this.replayNoticesSince(noticesFrom);
    return ok(fresh.size);
  }

  /** One page, checked against the contract's schema: the relay is a trust boundary. */
  private async page(after: string | undefined, limit: number): Promise<Result<RoomUsersResponse>> {
    const { room } = this.deps;
    const res = await this.deps.request('room:users', after === undefined ? { room, limit } : { room, after, limit });
    if (!res.ok) return { ok: false, error: res.error };
    const parsed = roomUsersResponseSchema.safeParse(res);
    return parsed.success ? ok(parsed.data) : fail('bad_answer');
  }

  private failed(error: ClientError, during: PagerFailure['during']): Result<number> {
    this.failure = { error, during };
    return { ok: false, error };
  }

  private markRead(counted: number): void {
    this.countedSeen = counted;
    this.readAtMs = Date.now();
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
    this.replayNoticesSince(this.noticesSeen);
    // A notice after a count: the relay sends notices again, so the room is within the limit.
    if (presence.counted !== this.countedAtNotice) this.noticesResumed = true;
    this.countedAtNotice = presence.counted;
    this.version++;
  }

  private replayNoticesSince(noticeCount: number): void {
    const presence = this.deps.presence();
    if (!presence) return;
    const fresh = Math.min(presence.noticeCount - noticeCount, presence.notices.length);
    for (const notice of fresh > 0 ? presence.notices.slice(-fresh) : []) {
      if (notice.kind === 'left' || notice.kind === 'lost') this.loaded.delete(notice.user.id);
      // A newcomer shows at once; if a later page has them too, they stay listed once.
      else this.loaded.set(notice.user.id, notice.user);
    }
    this.noticesSeen = presence.noticeCount;
  }

  private startOver(presence: RoomPresence): void {
    this.generation++;
    this.loaded = new Map();
    this.next = undefined;
    this.done = false;
    this.inFlight = undefined;
    this.failure = undefined;
    this.noticesResumed = false;
    this.countedAtNotice = presence.counted;
    this.countedSeen = -1;
    this.readAtMs = 0;
    this.lastRereadPages = 1;
    this.noticesSeen = presence.noticeCount;
    this.version++;
  }

  private touch(): void {
    this.version++;
    this.deps.changed();
  }
}
