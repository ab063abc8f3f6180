import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import * as parser from 'socket.io-parser';
import { io as connect } from 'socket.io-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EncodedAck } from '../messaging/encoded-ack.js';
import { EncodedEntry } from '../store/encoded-entry.js';
import { entryParser } from './entry-encoder.js';

const entry = { id: 'm-1', seq: 7, kind: 'text', rev: 7, clientId: 'c', room: 'r', user: { id: 'u', name: 'Ünï "q"' }, text: 'a\nb ✓ \u2028', time: '2026-11-30T00:00:00.000Z' };
const json = JSON.stringify(entry);

describe('entry encoder', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('writes an encoded entry as the very frame the default encoder makes of the parsed entry, without serializing anything', () => {
    const toJSON = vi.spyOn(EncodedEntry.prototype, 'toJSON');
    try {
      const ours = new entryParser.Encoder().encode({ type: parser.PacketType.EVENT, nsp: '/', data: ['message', new EncodedEntry('r', 7, json)] });
      const stock = new parser.Encoder().encode({ type: parser.PacketType.EVENT, nsp: '/', data: ['message', entry] });
      expect(ours).toEqual(stock);
      expect(toJSON).not.toHaveBeenCalled();
      // Namespaces and ack ids are written as the default encoder writes them.
      const withId = { type: parser.PacketType.EVENT, nsp: '/admin', id: 12 };
      expect(new entryParser.Encoder().encode({ ...withId, data: ['message', new EncodedEntry('r', 7, json)] })).toEqual(new parser.Encoder().encode({ ...withId, data: ['message', entry] }));
      // Anything else is the default encoder's: here the entry is serialized through toJSON, correct but slower.
      const nested = { type: parser.PacketType.EVENT, nsp: '/', data: ['message', { wrapped: new EncodedEntry('r', 7, json) }] };
      expect(new entryParser.Encoder().encode(nested)).toEqual(new parser.Encoder().encode({ ...nested, data: ['message', { wrapped: entry }] }));
      expect(toJSON).toHaveBeenCalledTimes(2);
    } finally {
      toJSON.mockRestore();
    }
  });

  it('writes the ack of a stored message as the frame the default encoder makes of the plain ack, without serializing the entry', () => {
    const toJSON = vi.spyOn(EncodedAck.prototype, 'toJSON');
    const entryToJSON = vi.spyOn(EncodedEntry.prototype, 'toJSON');
    try {
      const ack = new EncodedAck(entry as never, new EncodedEntry('r', 7, json));
      const plain = { ok: true, message: entry, duplicate: false };
      for (const packet of [{ type: parser.PacketType.ACK, nsp: '/', id: 3 }, { type: parser.PacketType.ACK, nsp: '/admin', id: 120 }]) {
        expect(new entryParser.Encoder().encode({ ...packet, data: [ack] })).toEqual(new parser.Encoder().encode({ ...packet, data: [plain] }));
      }
      expect(toJSON).not.toHaveBeenCalled();
      expect(entryToJSON).not.toHaveBeenCalled();
      // Compared or serialized anywhere else, it is the plain ack.
      expect(ack).toEqual(plain);
      expect(JSON.parse(JSON.stringify(ack))).toEqual(plain);
      // Inside anything else it goes to the default encoder, through toJSON.
      const nested = { type: parser.PacketType.ACK, nsp: '/', id: 4, data: [ack, 1] };
      expect(new entryParser.Encoder().encode(nested)).toEqual(new parser.Encoder().encode({ ...nested, data: [plain, 1] }));
    } finally {
      toJSON.mockRestore();
      entryToJSON.mockRestore();
    }
  });

  it('reaches a client in a room broadcast as the entry itself', async () => {
    const httpServer = createServer();
    const io = new Server(httpServer, { parser: entryParser });
    const connected = new Promise<Socket>((resolve) => io.on('connection', resolve));
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    const client = connect(`http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`, { transports: ['websocket'], reconnection: false });
    close = async () => {
      client.disconnect();
      await io.close();
    };
    const socket = await connected;
    await socket.join('r');
    const received = new Promise((resolve) => client.on('message', resolve));
    io.local.to('r').emit('message', new EncodedEntry('r', 7, json));
    expect(await received).toEqual(entry);
    // And a send's ack as the plain ack.
    socket.on('message', (_payload: unknown, ack: (response: unknown) => void) => ack(new EncodedAck(entry as never, new EncodedEntry('r', 7, json))));
    expect(await client.emitWithAck('message', {})).toEqual({ ok: true, message: entry, duplicate: false });
  });
});
