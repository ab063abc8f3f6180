import type { Message } from '../../shared/index.js';

/**
 * A stored entry as its JSON: exactly the bytes the store keeps and the advance signal carries.
 * A replica delivering another replica's message needs only its room and seq (to keep the order);
 * parsing the JSON into an object for Socket.IO to write it out again as the same JSON was a
 * third of the per-message work on that path. The transport splices `json` into the packet
 * unchanged (relay/transport/entry-encoder.ts).
 */
export class EncodedEntry {
  constructor(
    readonly room: string,
    readonly seq: number,
    readonly json: string,
  ) {}

  /** Whatever serializes it other than the transport's encoder gets the entry itself. */
  toJSON(): Message {
    return JSON.parse(this.json) as Message;
  }
}

/** An entry on its way to this replica's members: parsed (read from the store) or as stored. */
export type LiveEntry = Message | EncodedEntry;
