import type { User } from '../../../shared/protocol-types.js';
import { RETRYABLE_CODES, type ClientError } from './client-result.js';
import type { Requester } from './relay-request.js';
import type { RoomPresence } from './room-presence.js';
import { RereadPacer } from './reread-pacer.js';
import { MAX_PAGE_SIZE, RoomUserPager, type PagerFailure } from './room-user-pager.js';
import { filterByName } from './user-name-match.js';

/** A search's page request that failed for a passing reason is tried again, after 1, 2 and 4 s. */
const SEARCH_RETRIES = 3;
const SEARCH_RETRY_MS = 1000;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What the online list of one room shows. A new object on every change (views compare by identity). */
export interface RoomUserView {
  /** Everyone online in the room, per the relay. */
  count: number;
  /** The users to list, in order: everyone known, or the matches of the search. */
  users: readonly User[];
  /** A small room: `users` is everyone, sorted by name, and nothing is paged. */
  complete: boolean;
  /** More users can be loaded (`loadMore`). */
  hasMore: boolean;
  loading: boolean;
  error: ClientError | undefined;
  /** What failed: loading the next page, or reading the loaded ones again (the list may be out of date). */
  failed: PagerFailure['during'] | undefined;
  /** The name being searched for ('' when not searching). */
  query: string;
  /** The search is still loading pages to look through. */
  searching: boolean;
  /** How many of the room's users the list or search has looked at so far. */
  scanned: number;
}

export interface RoomUserListDeps {
  room: string;
  request: Requester;
  presence(): RoomPresence | undefined;
  changed(): void;
}

/**
 * The online list of one room (v1.1 large rooms). A small room lists its presence, sorted by name
 * and kept live by notices. A large room is paged in on demand as the user scrolls.
 *
 * Searching by name: the relay has no search, so a search in a large room keeps loading pages
 * (200 at a time, one request after the other) until it has looked at everyone, showing matches
 * as they come and how far it got; `stopSearch` ends it early. A demanding user wants the one
 * person they typed, not "no match among the first 100" and another click: 10,000 users are 50
 * small requests, done once, after which every further search is instant until the next rejoin.
 *
 * Staying true: above the notice limit no one says who came, left or was renamed, so while the
 * list is watched (`watch`) its loaded pages are read again when the count moves, paced by
 * reread-pacer.ts; the search filter stays and applies to the fresh users.
 */
export class RoomUserList {
  private readonly pager: RoomUserPager;
  private queryValue = '';
  /** Bumped by every new search or stop, so an older search loop ends. */
  private searchRun = 0;
  private searchRunning = false;
  private cached: { key: readonly unknown[]; view: RoomUserView } | undefined;
  private readonly pacer: RereadPacer;

  constructor(private readonly deps: RoomUserListDeps) {
    this.pager = new RoomUserPager(deps);
    const paged = () => this.deps.presence()?.complete === false;
    this.pacer = new RereadPacer({
      changed: () => paged() && this.pager.stale,
      readAt: () => (paged() ? this.pager.readAt : 0),
      pages: () => this.pager.rereadPages,
      busy: () => this.pager.busy || this.searchRunning,
      blocked: () => isLasting(this.pager.error),
      reread: () => this.pager.reread(),
    });
  }

  /** Someone sees this list (the panel is open, the window shown) or no longer does. */
  watch(on: boolean): void {
    this.pacer.watch(on);
  }

  view(): RoomUserView {
    const presence = this.deps.presence();
    const pager = this.pager;
    const paged = presence !== undefined && !presence.complete;
    const loaded = paged ? pager.size : 0; // reading the pager first lets it follow the presence
    // Read lazily like the presence itself: a change of the room or the list may make a re-read
    // due, even one the view does not show (150 → 151 → 150 between two reads).
    this.pacer.poke();
    const key = [presence?.users, presence?.count, presence?.complete, pager.version, this.queryValue, this.searchRunning];
    if (this.cached && key.every((part, i) => part === this.cached?.key[i])) return this.cached.view;
    const all = paged ? pager.users : [...(presence?.users.values() ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    const view: RoomUserView = {
      count: presence?.count ?? 0,
      users: this.queryValue === '' ? all : filterByName(all, this.queryValue),
      complete: !paged,
      hasMore: paged && !pager.complete,
      loading: paged && pager.loading,
      error: paged ? pager.error?.error : undefined,
      failed: paged ? pager.error?.during : undefined,
      query: this.queryValue,
      searching: this.searchRunning,
      scanned: paged ? loaded : all.length,
    };
    this.cached = { key, view };
    return view;
  }

  /** Repeats what failed: the next page, or reading the loaded pages again. */
  async retry(): Promise<void> {
    if (this.pager.error?.during === 'reread') await this.pacer.rereadNow();
    else await this.loadMore();
  }

  /** The next page, when the list is paged and not all loaded. */
  async loadMore(): Promise<void> {
    if (this.deps.presence()?.complete === false) await this.pager.loadMore();
  }

  /** Filters by name at once; in a large room, goes on loading pages until everyone is looked at. */
  async search(query: string): Promise<void> {
    const run = ++this.searchRun;
    this.queryValue = query.trim();
    this.searchRunning = this.queryValue !== '';
    this.deps.changed();
    // A rejoin during the search starts the pager over; the loop simply goes on from the start.
    let retries = 0;
    while (run === this.searchRun && this.searchRunning && this.deps.presence()?.complete === false && !this.pager.complete) {
      const res = await this.pager.loadMore(MAX_PAGE_SIZE);
      if (res.ok) retries = 0;
      // A busy relay (rate_limited, unavailable, timeout) gets a moment; offline waits for the next join.
      else if (res.error.code !== 'offline' && RETRYABLE_CODES.has(res.error.code) && retries < SEARCH_RETRIES) await delay(SEARCH_RETRY_MS * 2 ** retries++);
      else break;
    }
    if (run !== this.searchRun) return;
    this.searchRunning = false;
    this.deps.changed();
    this.pacer.poke(false);
  }

  /** Stops loading for the search; the matches found so far stay. */
  stopSearch(): void {
    if (!this.searchRunning) return;
    this.searchRun++;
    this.searchRunning = false;
    this.deps.changed();
    this.pacer.poke(false);
  }
}

/** A failure that trying again at once will not fix: the next try waits for the user's Retry. */
function isLasting(failure: PagerFailure | undefined): boolean {
  return failure !== undefined && !RETRYABLE_CODES.has(failure.error.code);
}
