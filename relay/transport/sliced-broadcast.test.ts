import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { RelayServer, RelaySocket } from '../socket-types.js';
import { createSlicedBroadcast } from './sliced-broadcast.js';

/** A server with `n` WebSocket clients, all in room 'big'; counts the packets Engine.IO creates. */
async function setUp(n: number) {
  const httpServer = createServer();
  const io = new Server(httpServer) as unknown as RelayServer;
  const packets = { created: 0 };
  io.engine.on('connection', (conn: { on(event: 'packetCreate', listener: (packet: { type: string }) => void): void }) =>
    conn.on('packetCreate', (packet) => {
      if (packet.type === 'message') packets.created++;
    }),
  );
  const sockets: RelaySocket[] = [];
  io.on('connection', (socket) => {
    void socket.join('big');
    sockets.push(socket);
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const clients: ClientSocket[] = [];
  for (let i = 0; i < n; i++) {
    const client = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    clients.push(client);
  }
  while (sockets.length < n) await new Promise((resolve) => setImmediate(resolve));
  packets.created = 0;
  const close = async () => {
    for (const client of clients) client.disconnect();
    await io.close();
  };
  return { io, clients, sockets, packets, close };
}

const counts = (clients: ClientSocket[]) =>
  clients.map((client) => {
    const got: number[] = [];
    client.on('room:presence', (event: { count: number }) => got.push(event.count));
    return got;
  });

const settle = async (turns = 20) => {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('createSlicedBroadcast', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('writes to one slice of the room per turn of the event loop, and every member gets the event once', async () => {
    const run = await setUp(5);
    close = run.close;
    const got = counts(run.clients);
    createSlicedBroadcast(run.io, 2)('big', 'room:presence', { room: 'big', count: 7 });
    // Socket.IO's own broadcast would have created all five packets by now.
    expect(run.packets.created).toBe(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(run.packets.created).toBe(4);
    await settle();
    expect(run.packets.created).toBe(5);
    expect(got).toEqual([[7], [7], [7], [7], [7]]);
  });

  it('skips a member that left the room before its slice, and reaches no one outside the room', async () => {
    const run = await setUp(6);
    close = run.close;
    const got = counts(run.clients);
    void run.sockets[5]!.leave('big');
    createSlicedBroadcast(run.io, 2)('big', 'room:presence', { room: 'big', count: 3 });
    // Slices: sockets 0 and 1 now, then 2 and 3, then 4; socket 3 leaves before its slice.
    void run.sockets[3]!.leave('big');
    await settle();
    expect(got).toEqual([[3], [3], [3], [], [3], []]);
  });

  it('emits to a room of at most a slice at once', async () => {
    const run = await setUp(2);
    close = run.close;
    const got = counts(run.clients);
    createSlicedBroadcast(run.io, 2)('big', 'room:presence', { room: 'big', count: 1 });
    expect(run.packets.created).toBe(2);
    createSlicedBroadcast(run.io, 2)('nobody', 'room:presence', { room: 'nobody', count: 0 });
    await settle();
    expect(got).toEqual([[1], [1]]);
  });
});
