import type { TrafficStep } from '../bench-results.js';
import { sampleProcess, sampleProcesses, usageBetween } from '../proc-stats.js';
import { sleep } from './client-pool.js';
import { epochNow } from './message-stamp.js';
import type { GeneratorJob, GeneratorProgress, TrafficJob } from './generator-protocol.js';
import { ReceiptCounter } from './receipt-counter.js';
import type { RoomMembers } from './room-members.js';
import type { SenderThread } from './sender-thread-client.js';

/** However steadily a backlog still drains, a step ends this long after its window closed. */
const MAX_DRAIN_MS = 60_000;

export interface StepProgress {
  set(phase: GeneratorProgress['phase'], step: number): void;
  addDeliveries(count: number): void;
}

/**
 * One step at the current room sizes: senders start (warm-up, not measured), the window opens
 * for `measureMs`, senders stop, and the step drains until every owed delivery has arrived or
 * nothing has for `drainMs`. CPU of the relays, Redis and the generator is counted from the
 * window's opening until the drain ends.
 */
export async function measureStep(
  job: TrafficJob & GeneratorJob,
  step: number,
  members: RoomMembers,
  senderThread: SenderThread,
  progress: StepProgress,
  /** Installs the step's counter for the receivers' message handler. */
  useCounter: (counter: ReceiptCounter) => void,
): Promise<TrafficStep> {
  const roomSizes = members.sizes();
  const here = members.receiversHere();
  const pids = { relays: job.target.relayPids, redis: job.target.redisPids, redisReplicas: job.target.redisReplicaPids };
  // The sending thread keeps the step's clock; this thread may be too busy receiving to.
  const window = await senderThread.request({
    type: 'start',
    step,
    loop: job.loop,
    ratePerSender: job.ratePerSender,
    ackTimeoutMs: job.ackTimeoutMs,
    roomSizes: Object.fromEntries(roomSizes),
    warmupMs: job.warmupMs,
    measureMs: job.measureMs,
    pids,
  });
  const counter = new ReceiptCounter(step, (room) => here.get(room) ?? 0, window);
  useCounter(counter);
  // The senders receive too: their deliveries join the live rate once a second.
  let workerDeliveries = 0;
  const liveRate = setInterval(() => {
    senderThread.request({ type: 'stats', latency: false }).then((live) => {
      progress.addDeliveries(live.receipts.deliveries - workerDeliveries);
      workerDeliveries = live.receipts.deliveries;
    }, () => undefined);
  }, 1000);
  try {
    progress.set('warmup', step);
    await sleep(window.opensAt - epochNow());
    progress.set('measuring', step);
    await sleep(window.closesAt - epochNow());
    let stats = await senderThread.request({ type: 'stats', latency: false });
    const hardStop = Date.now() + job.measureMs + MAX_DRAIN_MS;
    while (!stats.done && Date.now() < hardStop) {
      await sleep(50);
      stats = await senderThread.request({ type: 'stats', latency: false });
    }

    // Drain until everything owed has arrived, or nothing has for drainMs: under overload the
    // backlog takes a while to flush, and a late delivery is latency, not loss.
    progress.set('draining', step);
    const drainStarted = Date.now();
    let lastProgress = { at: Date.now(), count: -1 };
    for (;;) {
      const count = counter.received + stats.receipts.received + stats.ledger.sent - stats.ledger.pendingAcks;
      if (count !== lastProgress.count) lastProgress = { at: Date.now(), count };
      const owed = stats.ledger.pendingAcks > 0 || counter.received + stats.receipts.received < stats.ledger.expected;
      if (!owed || Date.now() - lastProgress.at > job.drainMs || Date.now() - drainStarted > MAX_DRAIN_MS) break;
      await sleep(50);
      stats = await senderThread.request({ type: 'stats', latency: false });
    }
    const drainSeconds = (Date.now() - drainStarted) / 1000;
    const after = { relays: pids.relays.map((pid) => sampleProcess(pid)), redis: sampleProcesses(pids.redis), redisReplicas: sampleProcesses(pids.redisReplicas), generator: process.cpuUsage() };

    stats = await senderThread.request({ type: 'stats', latency: true });
    const opened = stats.windowOpened;
    const mine = counter.snapshot();
    const { latency, latencyByReplica } = stats.receipts;
    if (latency && latencyByReplica) counter.mergeLatency({ latency, latencyByReplica });
    const { ledger } = stats;
    const received = mine.received + stats.receipts.received;
    const sizes = [...roomSizes.values()];
    const seconds = (window.closesAt - window.opensAt) / 1000;
    return {
      rooms: job.rooms,
      roomSize: Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length),
      senders: members.senderCount,
      measureSeconds: seconds,
      drainSeconds,
      sent: ledger.sent,
      acked: ledger.acked,
      rejected: ledger.rejected,
      ackTimeouts: ledger.ackTimeouts,
      sendsSkipped: ledger.skipped,
      expected: ledger.expected,
      received,
      loss: Math.max(0, ledger.expected - received),
      duplicates: mine.duplicates + stats.receipts.duplicates,
      deliveriesPerSec: (mine.deliveriesInWindow + stats.receipts.deliveriesInWindow) / seconds,
      messagesPerSec: ledger.acked / seconds,
      latency: counter.latency.summary(),
      latencyByReplica: { same: counter.byReplica.same.summary(), other: counter.byReplica.other.summary() },
      // From the window's opening until the step drained: everything the measured messages cost.
      relays: pids.relays.map((_, i) => usageBetween(opened?.relays[i], after.relays[i])),
      redis: usageBetween(opened?.redis, after.redis),
      ...(pids.redis.length > 1 ? { redisPrimaries: pids.redis.length } : {}),
      ...(pids.redisReplicas.length > 0 ? { redisReplicas: usageBetween(opened?.redisReplicas, after.redisReplicas) } : {}),
      // Process-wide (getrusage): both threads of the generator.
      generatorCpuSeconds: opened ? (after.generator.user - opened.generator.user + after.generator.system - opened.generator.system) / 1e6 : 0,
    };
  } finally {
    clearInterval(liveRate);
    await senderThread.request({ type: 'stop' }).catch(() => undefined);
  }
}
