import { createServer } from 'node:http';
import { createAdapter, createShardedAdapter } from '@socket.io/redis-adapter';
import { Cluster, Redis } from 'ioredis';
import { Server } from 'socket.io';

/**
 * The baseline: the stock Socket.IO chat, scaled out with @socket.io/redis-adapter — what one
 * would write instead of our relay. `join` puts the socket in a room; `message` is broadcast to
 * the room with io.to(room).emit and acked. No history, no presence, no dedupe, no validation
 * beyond keeping a bad payload from throwing, so it is the cost floor of fan-out over Redis.
 *
 * On a Redis Cluster (REDIS_CLUSTER_NODES=host:port,… instead of REDIS_URL) it is what Socket.IO's
 * docs recommend there: the sharded adapter, one shard channel per room ('dynamic').
 *
 * Env: PORT (required), REDIS_URL or REDIS_CLUSTER_NODES (required), HOST (127.0.0.1).
 */
type Ack = (answer: { ok: boolean }) => void;

const port = Number(process.env.PORT);
const redisUrl = process.env.REDIS_URL;
const clusterNodes = (process.env.REDIS_CLUSTER_NODES ?? '').split(',').filter(Boolean).map((node) => {
  const [host, portText] = node.split(':');
  return { host: host ?? '127.0.0.1', port: Number(portText) };
});
if (!Number.isInteger(port) || (!redisUrl && clusterNodes.length === 0)) {
  console.error('baseline-relay needs PORT and REDIS_URL or REDIS_CLUSTER_NODES');
  process.exit(1);
}

// ioredis sends SSUBSCRIBE to the node that owns the channel's slot only with shardedSubscribers.
const pub = clusterNodes.length > 0 ? new Cluster(clusterNodes) : new Redis(redisUrl!);
const sub = clusterNodes.length > 0 ? new Cluster(clusterNodes, { shardedSubscribers: true }) : pub.duplicate();
const httpServer = createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  res.writeHead(404).end();
});
const io = new Server(httpServer, { adapter: clusterNodes.length > 0 ? createShardedAdapter(pub, sub, { subscriptionMode: 'dynamic' }) : createAdapter(pub, sub) });

io.on('connection', (socket) => {
  socket.on('join', (room: unknown, ack?: Ack) => {
    if (typeof room !== 'string') return ack?.({ ok: false });
    void socket.join(room);
    ack?.({ ok: true });
  });
  socket.on('message', (payload: { room?: unknown } | undefined, ack?: Ack) => {
    if (typeof payload?.room !== 'string') return ack?.({ ok: false });
    io.to(payload.room).emit('message', payload);
    ack?.({ ok: true });
  });
});

httpServer.listen(port, process.env.HOST ?? '127.0.0.1');

const stop = () => {
  void io.close();
  pub.disconnect();
  sub.disconnect();
  // Give the CPU profile (--cpu-prof) its exit hook; nothing here needs draining.
  setTimeout(() => process.exit(0), 100).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// Started with an IPC channel by the bench: when the bench goes, so does this relay.
process.on('disconnect', stop);
