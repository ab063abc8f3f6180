import type { RoomMessagesResponse } from '../../../shared/protocol-types.js';
import { fail, ok, type Result } from './client-result.js';
import type { RoomState } from './room-state.js';

const OLDER_PAGE = 200;

/** Older history of a room: the newest `limit` messages with seq < `before`. */
export type FetchOlder = (room: string, before: number, limit: number) => Promise<RoomMessagesResponse>;

/** Reads older history over the relay's HTTP API, so scrolling back does not load the socket. */
export function createHttpHistory(relayUrl: string, fetchImpl: typeof fetch = fetch): FetchOlder {
  const base = relayUrl.endsWith('/') ? relayUrl : `${relayUrl}/`;
  return async (room, before, limit) => {
    const url = new URL(`api/rooms/${encodeURIComponent(room)}/messages?before=${before}&limit=${limit}`, base);
    const res = await fetchImpl(url, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`history request failed with HTTP ${res.status}`);
    return (await res.json()) as RoomMessagesResponse;
  };
}

/** Prepends the page before the oldest entry held; resolves with how many messages were new. */
export async function loadOlderPage(state: RoomState, fetchOlder: FetchOlder): Promise<Result<number>> {
  const oldest = state.log.oldestSeq;
  if (oldest === undefined || !state.log.hasOlder || state.loadingOlder) return ok(0);
  state.loadingOlder = true;
  try {
    const page = await fetchOlder(state.name, oldest, OLDER_PAGE);
    // A different epoch means our cache is stale: the next resume reloads the room.
    if (page.epoch !== state.log.epoch) return ok(0);
    return ok(state.log.addOlder(page.messages, page.truncated));
  } catch {
    return fail('offline');
  } finally {
    state.loadingOlder = false;
  }
}
