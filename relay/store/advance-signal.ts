import type { Message } from '../../shared/index.js';
import type { RoomAdvance } from './message-store.js';

/**
 * Reads a "room advanced" signal as the append scripts publish it: "room seq epoch json". Room
 * names and epochs contain no spaces; the JSON may. A signal without (or with unreadable) JSON
 * still says the room advanced: the feed then reads the stream instead. Undefined when it is not
 * a signal at all.
 *
 * The entry's JSON is parsed only when `message` is first read: most signals a replica gets for
 * its own sends are stale by then (it delivered the entry from its append's answer), and a feed
 * that is behind reads the stream instead.
 */
export function parseAdvanceSignal(payload: string): RoomAdvance | undefined {
  const first = payload.indexOf(' ');
  const second = payload.indexOf(' ', first + 1);
  const third = payload.indexOf(' ', second + 1);
  if (first < 0 || second < 0) return undefined;
  const room = payload.slice(0, first);
  const lastSeq = Number(payload.slice(first + 1, second));
  const epoch = payload.slice(second + 1, third < 0 ? undefined : third);
  if (third < 0) return { room, lastSeq, epoch };
  let parsed: Message | undefined | null = null;
  return {
    room,
    lastSeq,
    epoch,
    get message(): Message | undefined {
      if (parsed === null) parsed = parseEntry(payload.slice(third + 1));
      return parsed;
    },
  };
}

function parseEntry(json: string): Message | undefined {
  try {
    return JSON.parse(json) as Message;
  } catch {
    return undefined;
  }
}
