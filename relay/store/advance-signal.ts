import type { Message } from '../../shared/index.js';
import { EncodedEntry } from './encoded-entry.js';
import type { RoomAdvance } from './message-store.js';

/**
 * Reads a "room advanced" signal as the append scripts publish it: "room seq epoch json". Room
 * names and epochs contain no spaces; the JSON may. A signal without (or with unreadable) JSON
 * still says the room advanced: the feed then reads the stream instead. Undefined when it is not
 * a signal at all.
 *
 * The entry's JSON is parsed only when `message` is first read, which the live feed never does: it
 * delivers `encoded`, the JSON as it came. Most signals a replica gets for its own sends are stale
 * anyway (it delivered the entry from its append's answer), and a feed that is behind reads the
 * stream instead.
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
  return new SignalledAdvance(room, lastSeq, epoch, payload.slice(third + 1));
}

/** A signal that carries its entry (a class: an object literal with a getter costs more to make, on every signal). */
class SignalledAdvance implements RoomAdvance {
  readonly encoded: EncodedEntry | undefined;
  private parsed: Message | undefined | null = null;

  constructor(
    readonly room: string,
    readonly lastSeq: number,
    readonly epoch: string,
    private readonly json: string,
  ) {
    // Not parsed, so not checked: what does not look like one JSON object is left to a stream read.
    this.encoded = json.startsWith('{') && json.endsWith('}') ? new EncodedEntry(room, lastSeq, json) : undefined;
  }

  get message(): Message | undefined {
    if (this.parsed === null) this.parsed = parseEntry(this.json);
    return this.parsed;
  }
}

function parseEntry(json: string): Message | undefined {
  try {
    return JSON.parse(json) as Message;
  } catch {
    return undefined;
  }
}
