import type { ChatDialect } from './chat-dialect.js';
import type { BenchClient } from './client-pool.js';
import { epochNow, stampClientId, stampText } from './message-stamp.js';
import type { SendLedger } from './send-ledger.js';

export interface Sender {
  client: BenchClient;
  room: string;
  /** Members of the room, sender included: the deliveries each of its messages owes. */
  roomSize: number;
}

export interface SendContext {
  dialect: ChatDialect;
  ledger: SendLedger;
  ackTimeoutMs: number;
  /** Distinguishes clientIds across steps, so a late delivery is never credited to a new message. */
  step: number;
  /** Whether a message sent now falls in the measured window. */
  measuring(): boolean;
}

/** Stops a loop. */
export type StopSending = () => void;

/** The scheduler's tick: fine enough for 8 msg/s per sender, coarse enough to cost nothing. */
const TICK_MS = 5;

function sendOne(sender: Sender, senderId: number, n: number, ctx: SendContext, done?: () => void): void {
  const measured = ctx.measuring();
  const { ledger } = ctx;
  const message = { room: sender.room, text: stampText(epochNow(), senderId, n, sender.client.replica), clientId: stampClientId(measured, ctx.step, senderId, n) };
  ledger.onSend(measured, sender.roomSize);
  ctx.dialect.send(sender.client.socket, message, ctx.ackTimeoutMs, (outcome) => {
    ledger.onAck(measured, sender.roomSize, outcome);
    done?.();
  });
}

/**
 * Open loop: each sender sends on an absolute clock at `rate`, whether or not the relay keeps up
 * (offered load). Senders are phase-shifted evenly so the room sees a steady stream, not bursts.
 * If the sending thread itself stalls for more than a second, the backlog is skipped and counted
 * (ledger.onSkipped) rather than fired at once, which would measure a burst nobody sent.
 */
export function startOpenLoop(senders: Sender[], rate: number, ctx: SendContext): StopSending {
  const interval = 1000 / rate;
  const start = performance.now();
  const counts = new Array<number>(senders.length).fill(0);
  const tick = () => {
    const elapsed = performance.now() - start;
    senders.forEach((sender, i) => {
      const offset = (i / senders.length) * interval;
      const due = Math.floor((elapsed - offset) / interval) + 1;
      if (due - counts[i]! > rate) {
        ctx.ledger.onSkipped(due - 1 - counts[i]!);
        counts[i] = due - 1;
      }
      while (counts[i]! < due) sendOne(sender, i, counts[i]!++, ctx);
    });
  };
  const timer = setInterval(tick, TICK_MS);
  return () => clearInterval(timer);
}

/**
 * Closed loop: each sender sends its next message only when the last one is answered, and no
 * sooner than 1/maxRate after the previous send. Throughput then settles where the relay can
 * answer, which is what saturation means; nothing piles up unboundedly.
 */
export function startClosedLoop(senders: Sender[], maxRate: number, ctx: SendContext): StopSending {
  const minGap = 1000 / maxRate;
  const timers = new Set<NodeJS.Timeout>();
  let running = true;
  const later = (fn: () => void, ms: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  senders.forEach((sender, i) => {
    const loop = (n: number) => {
      if (!running) return;
      const startedAt = performance.now();
      sendOne(sender, i, n, ctx, () => later(() => loop(n + 1), Math.max(0, startedAt + minGap - performance.now())));
    };
    later(() => loop(0), (i / senders.length) * minGap);
  });
  return () => {
    running = false;
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  };
}
