import type { Message, MessageResult } from '../../shared/index.js';
import type { EncodedEntry } from '../store/encoded-entry.js';

/**
 * The ack of a message just stored, when the store handed its entry over as JSON: the transport
 * writes it with that JSON spliced in (relay/transport/entry-encoder.ts), the very bytes the
 * default encoder makes of `{ ok: true, message, duplicate: false }`, without stringifying the
 * message again or walking it for binary data — on every send. Anything else that serializes it
 * (a test, a log) gets that plain object through `toJSON`.
 */
export class EncodedAck implements MessageResult {
  readonly ok = true as const;
  readonly duplicate = false;
  // Private: not a property, so the ack compares equal to the plain object.
  readonly #entry: EncodedEntry;

  constructor(
    readonly message: Message,
    entry: EncodedEntry,
  ) {
    this.#entry = entry;
  }

  /** The ack as JSON: `{"ok":true,"message":<the stored entry>,"duplicate":false}`. */
  get json(): string {
    return `{"ok":true,"message":${this.#entry.json},"duplicate":false}`;
  }

  toJSON(): { ok: true } & MessageResult {
    return { ok: true, message: this.message, duplicate: false };
  }
}
