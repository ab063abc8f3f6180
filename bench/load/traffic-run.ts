import type { TrafficRun, TrafficStep } from '../bench-results.js';
import { waitForQuiet, type BenchClient } from './client-pool.js';
import type { GeneratorJob, GeneratorProgress, TrafficJob } from './generator-protocol.js';
import { headlineStep } from './headline-step.js';
import { measureStep } from './measure-step.js';
import { ReceiptCounter } from './receipt-counter.js';
import { RoomMembers } from './room-members.js';
import { SenderThread } from './sender-thread-client.js';

/** Quiet time that counts as "the arrival announcements are over". */
const QUIET_MS = 300;
const MAX_SETTLE_MS = 30_000;
/** Connection failures beyond this share make the numbers meaningless: stop stepping. */
const MAX_FAILURE_SHARE = 0.02;
/** A step that is not at least this much above the best so far does not count as rising. */
const RISING = 1.05;

type Progress = {
  set(phase: GeneratorProgress['phase'], step: number): void;
  connected(count?: number): void;
  onDelivery(): void;
  addDeliveries(count: number): void;
};

/**
 * Message traffic in `rooms` rooms, one step per entry of `roomSizes`: grow every room to the
 * step's size (clients alternate between replicas), let arrivals settle, then measure. Several
 * steps make a saturation search; it stops at the first loss, a p99 above the bound, throughput
 * that stopped rising, or the time budget.
 */
export async function runTraffic(job: TrafficJob & GeneratorJob, progress: Progress, clients: BenchClient[]): Promise<TrafficRun> {
  const started = Date.now();
  const deadline = started + job.timeBudgetMs;
  const senderThread = new SenderThread();
  const live = { counter: new ReceiptCounter(-1, () => 0, { opensAt: 0, closesAt: 0 }) };
  const members = new RoomMembers(job, senderThread, clients, (message, receiverReplica) => {
    progress.onDelivery();
    live.counter.onDelivery(message, receiverReplica);
  });
  const steps: TrafficStep[] = [];
  let connectFailures = 0;
  let stopReason = 'ran every step';
  let best = 0;
  let flatSteps = 0;
  try {
    for (let s = 0; s < job.roomSizes.length; s++) {
      const size = job.roomSizes[s]!;
      const now = Date.now();
      if (steps.length > 0 && now + ((now - started) / steps.length) * 1.5 > deadline) {
        stopReason = `time budget (${Math.round(job.timeBudgetMs / 1000)} s) would be exceeded by room size ${size}`;
        break;
      }
      progress.set('connecting', s);
      const grown = await members.growTo(size, deadline, (count) => progress.connected(count));
      connectFailures += grown.failures.length;
      // A missing sender changes the offered load; a few missing receivers only the room size.
      if (grown.senderFailures > 0 || grown.failures.length > grown.attempted * MAX_FAILURE_SHARE) {
        stopReason = `${grown.failures.length} of ${grown.attempted} connections failed (first: ${grown.failures[0]})`;
        break;
      }
      progress.set('settling', s);
      await waitForQuiet(clients, QUIET_MS, Math.min(deadline, Date.now() + MAX_SETTLE_MS));

      const step = await measureStep(job, s, members, senderThread, progress, (counter) => (live.counter = counter));
      steps.push(step);

      if (job.roomSizes.length === 1) break;
      if (step.loss > 0) {
        stopReason = `lost ${step.loss} deliveries at room size ${step.roomSize}`;
        break;
      }
      if (step.latency.p99 > job.maxP99Ms) {
        stopReason = `p99 ${Math.round(step.latency.p99)} ms above ${job.maxP99Ms} ms at room size ${step.roomSize}`;
        break;
      }
      flatSteps = step.deliveriesPerSec > best * RISING ? 0 : flatSteps + 1;
      best = Math.max(best, step.deliveriesPerSec);
      if (flatSteps >= 2) {
        stopReason = `deliveries/s stopped rising (two steps within ${Math.round((RISING - 1) * 100)} % of the best)`;
        break;
      }
    }
  } finally {
    await senderThread.close();
  }
  return { kind: 'traffic', steps, headline: headlineStep(steps, job), stopReason, connectFailures };
}
