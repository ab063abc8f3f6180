import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { releaseHandshake, releaseUpgradeRequest } from './handshake-release.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * A Socket.IO server whose `release` runs on every new Engine.IO connection, as server.ts does,
 * and a WeakRef to the upgrade request of the one WebSocket client that connects.
 */
async function connectOne(release: (conn: { request: IncomingMessage | null }) => void) {
  const httpServer = createServer();
  const io = new Server(httpServer);
  let request: WeakRef<IncomingMessage> | undefined;
  httpServer.prependListener('upgrade', (req: IncomingMessage) => (request = new WeakRef(req)));
  io.engine.on('connection', release);
  const handshakes: Array<WeakRef<object>> = [];
  io.use((socket, next) => {
    handshakes.push(new WeakRef(socket.handshake));
    releaseHandshake(socket);
    next();
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const client: ClientSocket = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'], reconnection: false, auth: { token: 'x'.repeat(200) } });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', resolve);
    client.once('connect_error', reject);
  });
  const close = async () => {
    client.disconnect();
    await io.close();
  };
  return { request: request!, handshake: handshakes[0]!, io, close };
}

async function collected(ref: WeakRef<object>): Promise<boolean> {
  // Two rounds with a turn of the event loop between: WeakRefs are cleared at the end of a job.
  for (let i = 0; i < 2; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
  return ref.deref() === undefined;
}

describe('releasing a connection’s handshake', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('lets the WebSocket upgrade request be collected while the connection stays open', async () => {
    const run = await connectOne((conn) => {
      releaseUpgradeRequest(conn.request!);
      conn.request = null;
    });
    close = run.close;
    expect(await collected(run.request)).toBe(true);
    expect(run.io.engine.clientsCount).toBe(1);
  });

  // Why releaseUpgradeRequest exists: should Engine.IO stop holding the request, this fails,
  // and the listener removal in handshake-release.ts can go.
  it('is needed: Engine.IO alone keeps the request for the connection’s life', async () => {
    const run = await connectOne((conn) => {
      conn.request = null;
    });
    close = run.close;
    expect(await collected(run.request)).toBe(false);
  });

  it('drops Socket.IO’s per-socket handshake record (auth token, query, date)', async () => {
    const run = await connectOne((conn) => {
      conn.request = null;
    });
    close = run.close;
    expect(await collected(run.handshake)).toBe(true);
    const [socket] = await run.io.fetchSockets();
    expect(socket!.handshake.auth).toEqual({});
  });
});
