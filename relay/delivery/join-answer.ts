import type { Message } from '../../shared/index.js';
import type { MessageStore, RoomHead } from '../store/message-store.js';

export const LATEST_COUNT = 50;
export const SINCE_PAGE = 1000;
/** Users in a join answer (the newest arrivals); `userCount` has everyone's number. */
export const JOIN_USERS_MAX = 100;
/** Messages read from the store at a time for a resume answer. */
const READ_CHUNK = 100;

export interface HistoryWindow {
  messages: Message[];
  truncated: boolean;
}

/**
 * The history part of a `room:join` answer, ending at `view.lastSeq`.
 * Without `since`: the latest 50; truncated when older messages exist.
 * With `since`: seq > since, up to 1000; truncated when some right after `since` are gone.
 * Either way at most `limits.bytes` of messages (MAX_ANSWER_BYTES): a thousand messages of 4,000
 * characters are 16 MB, and twenty resume joins from a client that never reads would make the
 * relay hold a third of a GB for it. Clients page on, as they do past the count limit.
 */
export async function historyWindow(
  store: MessageStore,
  room: string,
  view: RoomHead,
  since: number | undefined,
  limits: { latest: number; page: number; bytes: number },
): Promise<HistoryWindow> {
  const maxBytes = limits.bytes > 0 ? limits.bytes : Number.POSITIVE_INFINITY;
  if (since === undefined) {
    // The newest ones that fit: the client pages back from the oldest it got (truncated: true).
    const messages = newestWithin(await store.latest(room, view.lastSeq, limits.latest), maxBytes);
    const oldest = messages[0]?.seq ?? view.lastSeq + 1;
    return { messages, truncated: oldest > 1 };
  }
  if (since >= view.lastSeq) return { messages: [], truncated: false };
  // The oldest ones that fit: the client calls again from the last one, as past the count limit.
  // Read in chunks, so a bound of half a MB never reads (and parses) the 16 MB a full page can be.
  const messages: Message[] = [];
  let bytes = 0;
  for (let after = since; messages.length < limits.page; ) {
    const chunk = await store.range(room, after, view.lastSeq, Math.min(READ_CHUNK, limits.page - messages.length));
    for (const message of chunk) {
      bytes += wireSize(message);
      if (bytes > maxBytes && messages.length > 0) return answerAfter(since, view, messages);
      messages.push(message);
    }
    if (chunk.length === 0 || chunk.at(-1)!.seq >= view.lastSeq) break;
    after = chunk.at(-1)!.seq;
  }
  return answerAfter(since, view, messages);
}

function answerAfter(since: number, view: RoomHead, messages: Message[]): HistoryWindow {
  const first = messages[0]?.seq ?? view.lastSeq + 1;
  return { messages, truncated: first > since + 1 };
}

/** A message's size on the wire: the UTF-8 bytes of its JSON. */
function wireSize(message: Message): number {
  return Buffer.byteLength(JSON.stringify(message));
}

/** The longest suffix within `maxBytes`, never less than one message. */
function newestWithin(messages: Message[], maxBytes: number): Message[] {
  let total = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    total += wireSize(messages[i]!);
    if (total > maxBytes && i < messages.length - 1) return messages.slice(i + 1);
  }
  return messages;
}
