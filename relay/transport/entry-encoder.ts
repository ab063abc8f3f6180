import { createRequire } from 'node:module';
import type * as SocketIoParser from 'socket.io-parser';
import { EncodedEntry } from '../store/encoded-entry.js';

// The CommonJS build Socket.IO itself loads (an ESM import would load a second copy, its debug build).
const parser = createRequire(import.meta.url)('socket.io-parser') as typeof SocketIoParser;

/**
 * Socket.IO's packet encoder, except that an event whose one argument is an `EncodedEntry` is
 * written with the entry's JSON spliced in as it is: `2["message",<json>]`. Nothing is parsed or
 * stringified for it, and the frame is the same text the default encoder makes of the parsed
 * entry. Every other packet goes to the default encoder. Socket.IO takes the encoder through its
 * documented `parser` option; broadcasts encode once per emit (the adapter then builds one
 * WebSocket frame for every receiver), so this runs once per message, not per member.
 */
class EntryEncoder extends parser.Encoder {
  override encode(packet: SocketIoParser.Packet): ReturnType<SocketIoParser.Encoder['encode']> {
    const data: unknown = packet.data;
    if (packet.type === parser.PacketType.EVENT && Array.isArray(data) && data.length === 2 && data[1] instanceof EncodedEntry && typeof data[0] === 'string') {
      let head = '2';
      if (packet.nsp && packet.nsp !== '/') head += `${packet.nsp},`;
      if (packet.id !== undefined && packet.id !== null) head += String(packet.id);
      return [`${head}[${JSON.stringify(data[0])},${data[1].json}]`];
    }
    return super.encode(packet);
  }
}

/** The `parser` option of the relay's Socket.IO server: the default one with `EntryEncoder`. */
export const entryParser = { ...parser, Encoder: EntryEncoder };
