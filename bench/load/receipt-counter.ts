import { LatencyHistogram, type HistogramSnapshot } from '../latency-histogram.js';
import { clientIdPrefix, epochNow, readSenderReplica, readSentAt } from './message-stamp.js';

/** The measured window, on the epochNow() clock: [opensAt, closesAt). */
export interface MeasureWindow {
  opensAt: number;
  closesAt: number;
}

/**
 * Latency split by where the receiver sits: on the replica the sender is connected to (the
 * sender's own copy included), or on another one. Ours delivers to both only once Redis stored
 * the message; stock delivers to the first at once and to the second over one Redis PUBLISH, so
 * the two halves say where a gap between the relays comes from.
 */
export interface ReplicaSplit<T> {
  same: T;
  other: T;
}

export interface ReceiptTotals {
  /** Measured deliveries received here (each receiver slot counted once). */
  received: number;
  duplicates: number;
  /** Every bench delivery received inside the window, measured or warm-up. */
  deliveriesInWindow: number;
}

/**
 * The receiving side of one step, for the clients one thread holds: counts each measured
 * message's receipts against the members of its room held here (more is a duplicate), and
 * records send → receipt latency from the time stamped in the text, in total and split by whether
 * the receiver is on the sender's replica (also stamped in the text). The window is a time range
 * rather than a flag someone flips: a thread flooded with deliveries runs its timers late, and
 * the window must not stretch with it.
 */
export class ReceiptCounter {
  readonly latency = new LatencyHistogram();
  readonly byReplica: ReplicaSplit<LatencyHistogram> = { same: new LatencyHistogram(), other: new LatencyHistogram() };
  private readonly counts = new Map<string, number>();
  private totals: ReceiptTotals = { received: 0, duplicates: 0, deliveriesInWindow: 0 };
  // This step's clientId prefixes: a startsWith per delivery instead of parsing the id (this
  // handler runs for every delivery to every client, up to ~100,000 times a second).
  private readonly measuredPrefix: string;
  private readonly warmupPrefix: string;
  /** Every delivery of this step, for the live rate. */
  deliveries = 0;

  constructor(
    step: number,
    /** Members of `room` held by this thread: how many receipts each message owes here. */
    private readonly membersHere: (room: string) => number,
    private readonly window: MeasureWindow,
    private readonly now: () => number = epochNow,
  ) {
    this.measuredPrefix = clientIdPrefix(true, step);
    this.warmupPrefix = clientIdPrefix(false, step);
  }

  /** `receiverReplica`: the replica the receiving client is connected to. */
  onDelivery(message: { clientId?: unknown; text?: unknown; room?: unknown }, receiverReplica: number): void {
    const clientId = message?.clientId;
    if (typeof clientId !== 'string') return;
    const measured = clientId.startsWith(this.measuredPrefix);
    // Anything else is not a bench message, or a late one from an earlier step.
    if (!measured && !clientId.startsWith(this.warmupPrefix)) return;
    this.deliveries += 1;
    const now = this.now();
    if (now >= this.window.opensAt && now < this.window.closesAt) this.totals.deliveriesInWindow += 1;
    if (!measured) return;
    const seen = (this.counts.get(clientId) ?? 0) + 1;
    this.counts.set(clientId, seen);
    if (seen > this.membersHere(String(message.room))) {
      this.totals.duplicates += 1;
      return;
    }
    this.totals.received += 1;
    const ms = now - readSentAt(message.text);
    this.latency.record(ms);
    const senderReplica = readSenderReplica(message.text);
    // A text without a replica (never sent by this bench) stays in the total only.
    if (senderReplica >= 0) (senderReplica === receiverReplica ? this.byReplica.same : this.byReplica.other).record(ms);
  }

  snapshot(): ReceiptTotals & { latency: HistogramSnapshot; latencyByReplica: ReplicaSplit<HistogramSnapshot> } {
    return { ...this.totals, latency: this.latency.snapshot(), latencyByReplica: { same: this.byReplica.same.snapshot(), other: this.byReplica.other.snapshot() } };
  }

  /** Adds another thread's histograms (its snapshot) to this one's. */
  mergeLatency(other: { latency: HistogramSnapshot; latencyByReplica: ReplicaSplit<HistogramSnapshot> }): void {
    this.latency.merge(other.latency);
    this.byReplica.same.merge(other.latencyByReplica.same);
    this.byReplica.other.merge(other.latencyByReplica.other);
  }

  get received(): number {
    return this.totals.received;
  }
}
