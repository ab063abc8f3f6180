import { createRequire } from 'node:module';
import type * as SocketIoParser from 'socket.io-parser';
import { EncodedAck } from '../messaging/encoded-ack.js';
import { EncodedEntry } from '../store/encoded-entry.js';

// The CommonJS build Socket.IO itself loads (an ESM import would load a second copy, its debug build).
const parser = createRequire(import.meta.url)('socket.io-parser') as typeof SocketIoParser;

/**
 * Socket.IO's packet encoder, except that an event whose one argument is an `EncodedEntry` is
 * written with the entry's JSON spliced in as it is: `2["message",<json>]`, and so is the ack of a
 * send (`EncodedAck`): `3<id>[{"ok":true,"message":<json>,"duplicate":false}]`. Nothing is parsed
 * or stringified for them, and each frame is the same text the default encoder makes of the
 * parsed entry or ack. Every other packet goes to the default encoder. Socket.IO takes the encoder through its
 * documented `parser` option; broadcasts encode once per emit (the adapter then builds one
 * WebSocket frame for every receiver), so this runs once per message, not per member.
 */
class EntryEncoder extends parser.Encoder {
  override encode(packet: SocketIoParser.Packet): ReturnType<SocketIoParser.Encoder['encode']> {
    const data: unknown = packet.data;
    if (!Array.isArray(data)) return super.encode(packet);
    if (packet.type === parser.PacketType.EVENT && data.length === 2 && data[1] instanceof EncodedEntry && typeof data[0] === 'string') {
      return [`${head('2', packet)}[${JSON.stringify(data[0])},${data[1].json}]`];
    }
    if (packet.type === parser.PacketType.ACK && data.length === 1 && data[0] instanceof EncodedAck) {
      return [`${head('3', packet)}[${data[0].json}]`];
    }
    return super.encode(packet);
  }
}

/** A packet's type, namespace and ack id, as the default encoder writes them before the data. */
function head(type: string, packet: SocketIoParser.Packet): string {
  let text = type;
  if (packet.nsp && packet.nsp !== '/') text += `${packet.nsp},`;
  if (packet.id !== undefined && packet.id !== null) text += String(packet.id);
  return text;
}

/** The `parser` option of the relay's Socket.IO server: the default one with `EntryEncoder`. */
export const entryParser = { ...parser, Encoder: EntryEncoder };
