import type { AddressInfo, Socket as NetSocket } from 'node:net';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { useRedisServer } from '../../test/support/redis-server.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { createRelay, type Relay } from '../server.js';
import { countWrites } from '../transport/testing/write-counter.js';

const redis = useRedisServer();

/**
 * A relay on Redis (where a send's signal comes back after the append's answer, so the sender's
 * copy goes out from the answer) with one WebSocket client in the lobby; counts the relay's
 * writes to that client. Pacing is off: a room this busy would have its deliveries held back.
 */
async function setUp() {
  const config = loadConfig({ PORT: '0', METRICS_PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DELIVERY_HOLD_MS: '0', REDIS_URL: redis.server.url, RELAY_SECRET: 'x'.repeat(32) });
  const relay: Relay = createRelay(config, createLogger({ level: 'silent', replicaId: 'test' }), '/nonexistent');
  // The one client's TCP socket, as the HTTP server accepts it.
  const accepted = new Promise<{ count: number }>((resolve) => relay.httpServer.once('connection', (raw: NetSocket) => resolve(countWrites(raw))));
  const { port } = (await relay.start()) as AddressInfo;
  const client: ClientSocket = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve) => client.once('session', () => resolve()));
  const writes = await accepted;
  await client.emitWithAck('room:join', { room: 'lobby' });
  // Whatever the join still sends (presence) is out before the count starts.
  await new Promise((resolve) => setTimeout(resolve, 200));
  return { relay, client, writes };
}

describe('message handler', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it("gives the sender its own message and the ack in one write, the message first (the hold on the sender's writes)", async () => {
    const { relay, client, writes } = await setUp();
    stop = async () => {
      client.disconnect();
      await relay.shutdown();
    };
    const order: string[] = [];
    client.on('message', (message: { clientId: string }) => order.push(`message ${message.clientId}`));
    // The room's first entry also lists the room (a round trip after the append, during which its
    // signal arrives and delivers it): not the common case measured here.
    await client.emitWithAck('message', { room: 'lobby', text: 'first', clientId: 'first' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    order.length = 0;
    const perSend: number[] = [];
    for (let i = 0; i < 20; i++) {
      const before = writes.count;
      const ack = (await client.emitWithAck('message', { room: 'lobby', text: 'hello', clientId: `c${i}` })) as { ok: boolean };
      order.push(`ack c${i}`);
      expect(ack.ok).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 5));
      perSend.push(writes.count - before);
    }
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => [`message c${i}`, `ack c${i}`]).flat());
    expect(perSend).toEqual(new Array(20).fill(1));
  });
});
