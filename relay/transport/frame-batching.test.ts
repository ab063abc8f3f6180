import { createServer } from 'node:http';
import type { AddressInfo, Socket as NetSocket } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { batchFrameWrites, holdUntilTick, writeTogether } from './frame-batching.js';
import { countWrites } from './testing/write-counter.js';

/** A server (batching or not) with one connected WebSocket client; counts the writes on the server's TCP socket. */
async function setUp(batching: boolean) {
  const httpServer = createServer();
  const io = new Server(httpServer);
  if (batching) batchFrameWrites(io.engine);
  const connected = new Promise<Socket>((resolve) => io.on('connection', resolve));
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const client: ClientSocket = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'], reconnection: false });
  const socket = await connected;
  const writes = countWrites((socket.conn as unknown as { transport: { socket: { _socket: NetSocket } } }).transport.socket._socket);
  const close = async () => {
    client.disconnect();
    await io.close();
  };
  return { io, socket, client, writes, close };
}

/** Emits `n` messages in one synchronous burst and resolves with what the client received. */
async function burst(run: Awaited<ReturnType<typeof setUp>>, n: number, together = false): Promise<number[]> {
  const received: number[] = [];
  const all = new Promise<void>((resolve) =>
    run.client.on('m', (i: number) => {
      received.push(i);
      if (received.length === n) resolve();
    }),
  );
  const emitAll = () => {
    for (let i = 0; i < n; i++) run.socket.emit('m', i);
  };
  if (together) writeTogether([run.socket.conn], emitAll);
  else emitAll();
  await all;
  return received;
}

describe('batchFrameWrites', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('writes a burst of frames to a connection in two system calls instead of one per frame, in order', async () => {
    const run = await setUp(true);
    close = run.close;
    const received = await burst(run, 50);
    expect(received).toEqual(Array.from({ length: 50 }, (_, i) => i));
    // The first frame goes out at once; the 49 queued behind it go out together.
    expect(run.writes.count).toBe(2);
  });

  it('is what makes the difference: without it every frame is a write of its own', async () => {
    const run = await setUp(false);
    close = run.close;
    await burst(run, 50);
    expect(run.writes.count).toBe(50);
  });

  it('writeTogether: a burst reaches the connection in one write, in order, and the connection stays usable', async () => {
    const run = await setUp(true);
    close = run.close;
    expect(await burst(run, 20, true)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(run.writes.count).toBe(1);
    expect(await burst(run, 3)).toEqual([0, 1, 2]);
    expect(run.writes.count).toBe(3);
  });

  it('leaves the socket uncorked, so a later single frame goes out at once', async () => {
    const run = await setUp(true);
    close = run.close;
    await burst(run, 10);
    const raw = (run.socket.conn as unknown as { transport: { socket: { _socket: NetSocket } } }).transport.socket._socket;
    expect(raw.writableCorked).toBe(0);
    expect(await burst(run, 1)).toEqual([0]);
  });

  /**
   * A send's shape: the delivery of the stored entry, then (a few microtasks later, as the
   * handler's promise chain resolves) the ack. Resolves with what the client received.
   */
  async function deliveryThenAck(run: Awaited<ReturnType<typeof setUp>>, hold: boolean): Promise<string[]> {
    const received: string[] = [];
    const both = new Promise<void>((resolve) =>
      run.client.onAny((event: string) => {
        received.push(event);
        if (received.length === 2) resolve();
      }),
    );
    if (hold) holdUntilTick(run.socket.conn);
    run.socket.emit('message', 1);
    await Promise.resolve();
    await Promise.resolve();
    run.socket.emit('ack', 1);
    await both;
    return received;
  }

  it('holdUntilTick: what is emitted during the rest of the microtasks leaves in one write, in order', async () => {
    const run = await setUp(true);
    close = run.close;
    expect(await deliveryThenAck(run, true)).toEqual(['message', 'ack']);
    expect(run.writes.count).toBe(1);
    // The hold is over: a later frame goes out at once, on its own.
    expect(await burst(run, 1)).toEqual([0]);
    expect(run.writes.count).toBe(2);
  });

  it('holdUntilTick is what makes the difference: without it the ack waits for the first write and is a second one', async () => {
    const run = await setUp(true);
    close = run.close;
    expect(await deliveryThenAck(run, false)).toEqual(['message', 'ack']);
    expect(run.writes.count).toBe(2);
  });
});
