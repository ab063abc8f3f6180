import type { SendOutcome } from './chat-dialect.js';

export interface LedgerTotals {
  sent: number;
  /** Measured messages acked with ok. */
  acked: number;
  rejected: Record<string, number>;
  ackTimeouts: number;
  pendingAcks: number;
  /** Deliveries owed for measured messages: room size (sender included) each, none for a refused one. */
  expected: number;
  skipped: number;
}

/** The sending side of one step: what was sent, what was answered, and what is owed. */
export class SendLedger {
  private totals: LedgerTotals = { sent: 0, acked: 0, rejected: {}, ackTimeouts: 0, pendingAcks: 0, expected: 0, skipped: 0 };

  onSend(measured: boolean, roomSize: number): void {
    this.totals.sent += 1;
    this.totals.pendingAcks += 1;
    if (measured) this.totals.expected += roomSize;
  }

  onAck(measured: boolean, roomSize: number, outcome: SendOutcome): void {
    this.totals.pendingAcks -= 1;
    if (outcome.kind === 'timeout') this.totals.ackTimeouts += 1;
    else if (outcome.kind === 'rejected') {
      this.totals.rejected[outcome.code] = (this.totals.rejected[outcome.code] ?? 0) + 1;
      // A refused message is delivered nowhere: it owes nothing.
      if (measured) this.totals.expected -= roomSize;
    } else if (measured) this.totals.acked += 1;
  }

  onSkipped(count: number): void {
    this.totals.skipped += count;
  }

  snapshot(): LedgerTotals {
    return { ...this.totals, rejected: { ...this.totals.rejected } };
  }
}
