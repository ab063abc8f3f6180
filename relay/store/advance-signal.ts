import type { Message } from '../../shared/index.js';
import type { RoomAdvance } from './message-store.js';

/**
 * Reads a "room advanced" signal as the append scripts publish it: "room seq epoch json". Room
 * names and epochs contain no spaces; the JSON may. A signal without (or with unreadable) JSON
 * still says the room advanced: the feed then reads the stream instead. Undefined when it is not
 * a signal at all.
 */
export function parseAdvanceSignal(payload: string): RoomAdvance | undefined {
  const first = payload.indexOf(' ');
  const second = payload.indexOf(' ', first + 1);
  const third = payload.indexOf(' ', second + 1);
  if (first < 0 || second < 0) return undefined;
  const room = payload.slice(0, first);
  const lastSeq = Number(payload.slice(first + 1, second));
  const epoch = payload.slice(second + 1, third < 0 ? undefined : third);
  let message: Message | undefined;
  try {
    message = third < 0 ? undefined : (JSON.parse(payload.slice(third + 1)) as Message);
  } catch {
    message = undefined;
  }
  return { room, lastSeq, epoch, ...(message ? { message } : {}) };
}
