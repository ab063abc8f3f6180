import { parentPort } from 'node:worker_threads';
import { dialectFor, type ChatDialect } from './chat-dialect.js';
import { closeClients, connectClients, type BenchClient } from './client-pool.js';
import { sampleProcess, sampleProcesses } from '../proc-stats.js';
import { epochNow } from './message-stamp.js';
import { ReceiptCounter } from './receipt-counter.js';
import { SendLedger } from './send-ledger.js';
import type { SenderReplies, SenderRequest, SenderResponse, WindowOpened } from './sender-thread-protocol.js';
import { startClosedLoop, startOpenLoop, type StopSending } from './senders.js';

/**
 * Worker-thread entry: holds the sending clients (who are room members too, so they also count
 * what they receive), runs the open or closed loop, and answers the main thread's requests.
 */
if (!parentPort) throw new Error('sender-thread runs as a worker thread');
const port = parentPort;

let dialect: ChatDialect | undefined;
const clients: Array<BenchClient & { room: string }> = [];
let ledger = new SendLedger();
let receipts = new ReceiptCounter(-1, () => 0, { opensAt: 0, closesAt: 0 });
let windowOpened: WindowOpened | null = null;
let done = false;
let stopSending: StopSending | undefined;
const timers = new Set<NodeJS.Timeout>();

function at(epochMs: number, fn: () => void): void {
  const timer = setTimeout(() => {
    timers.delete(timer);
    fn();
  }, Math.max(0, epochMs - epochNow()));
  timers.add(timer);
}

function stop(): void {
  for (const timer of timers) clearTimeout(timer);
  timers.clear();
  stopSending?.();
  stopSending = undefined;
  done = true;
}

const membersHere = (room: string) => clients.filter((c) => c.room === room).length;

async function handle(request: SenderRequest): Promise<SenderReplies[SenderRequest['type']]> {
  switch (request.type) {
    case 'connect': {
      dialect = dialectFor(request.implementation);
      const roomOf = new Map(request.clients.map((c) => [c.index, c.room]));
      const connected = await connectClients({
        indices: request.clients.map((c) => c.index),
        urls: request.urls,
        dialect,
        concurrency: request.concurrency,
        deadline: request.deadline,
        setUp: async (client) => {
          client.socket.on('message', (message: { clientId?: unknown; text?: unknown; room?: unknown }) => receipts.onDelivery(message, client.replica));
          await dialect!.join(client.socket, roomOf.get(client.index)!, 10_000);
        },
      });
      for (const client of connected.clients) clients.push({ ...client, room: roomOf.get(client.index)! });
      return { connected: connected.clients.length, failures: connected.failures };
    }
    case 'start': {
      if (!dialect) throw new Error('start before connect');
      stop();
      done = false;
      windowOpened = null;
      ledger = new SendLedger();
      const opensAt = epochNow() + request.warmupMs;
      const window = { opensAt, closesAt: opensAt + request.measureMs };
      const sizes = new Map(clients.map((c) => [c.room, membersHere(c.room)]));
      receipts = new ReceiptCounter(request.step, (room) => sizes.get(room) ?? 0, window);
      const senders = clients.map((client) => ({ client, room: client.room, roomSize: request.roomSizes[client.room] ?? 0 }));
      // Measured by the clock, not by the timer below: a late timer must not move the window.
      const measuring = () => {
        const now = epochNow();
        return now >= window.opensAt && now < window.closesAt;
      };
      const ctx = { dialect, ledger, ackTimeoutMs: request.ackTimeoutMs, step: request.step, measuring };
      stopSending = request.loop === 'open' ? startOpenLoop(senders, request.ratePerSender, ctx) : startClosedLoop(senders, request.ratePerSender, ctx);
      at(window.opensAt, () => {
        windowOpened = { relays: request.pids.relays.map((pid) => sampleProcess(pid)), redis: sampleProcesses(request.pids.redis), redisReplicas: sampleProcesses(request.pids.redisReplicas), generator: process.cpuUsage() };
      });
      at(window.closesAt, stop);
      return window;
    }
    case 'stop':
      stop();
      return null;
    case 'stats': {
      const { latency, latencyByReplica, ...totals } = receipts.snapshot();
      return { ledger: ledger.snapshot(), windowOpened, done, receipts: { ...totals, deliveries: receipts.deliveries, ...(request.latency ? { latency, latencyByReplica } : {}) } };
    }
    case 'close':
      stop();
      closeClients(clients);
      clients.length = 0;
      return null;
  }
}

port.on('message', ({ id, request }: { id: number; request: SenderRequest }) => {
  handle(request).then(
    (value) => port.postMessage({ id, ok: true, value } satisfies SenderResponse),
    (error: unknown) => port.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies SenderResponse),
  );
});
