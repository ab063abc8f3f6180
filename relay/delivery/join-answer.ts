import type { Message } from '../../shared/index.js';
import type { MessageStore, RoomHead } from '../store/message-store.js';

export const LATEST_COUNT = 50;
export const SINCE_PAGE = 1000;

export interface HistoryWindow {
  messages: Message[];
  truncated: boolean;
}

/**
 * The history part of a `room:join` answer, ending at `view.lastSeq`.
 * Without `since`: the latest 50; truncated when older messages exist.
 * With `since`: seq > since, up to 1000; truncated when some right after `since` are gone.
 */
export async function historyWindow(
  store: MessageStore,
  room: string,
  view: RoomHead,
  since: number | undefined,
  limits: { latest: number; page: number } = { latest: LATEST_COUNT, page: SINCE_PAGE },
): Promise<HistoryWindow> {
  if (since === undefined) {
    const messages = await store.latest(room, view.lastSeq, limits.latest);
    const oldest = messages[0]?.seq ?? view.lastSeq + 1;
    return { messages, truncated: oldest > 1 };
  }
  if (since >= view.lastSeq) return { messages: [], truncated: false };
  const messages = await store.range(room, since, view.lastSeq, limits.page);
  const first = messages[0]?.seq ?? view.lastSeq + 1;
  return { messages, truncated: first > since + 1 };
}
