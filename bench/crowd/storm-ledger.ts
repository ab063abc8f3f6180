/** One stored message as the history shows it. */
export interface StoredEntry {
  seq: number;
  userId: string;
  clientId: string;
}

export interface StormVerdict {
  acked: number;
  /** Acked messages not in the history at their acked seq. */
  lost: number;
  /** Messages stored more than once: one (user, clientId), several seqs. */
  duplicated: number;
}

/**
 * The storm's bookkeeping: what the relay acked (user, clientId → seq), checked against the room's
 * whole history afterwards. A retry after a lost ack must be answered with the first seq, so an
 * ack for a second seq, or a second history entry for the same key, is a duplicate.
 */
export class StormLedger {
  private readonly ackedSeq = new Map<string, number>();
  private readonly seqsOf = new Map<string, Set<number>>();

  /** The outbox's ack (the room is the storm's one room). */
  onAck(_room: string, userId: string, clientId: string, seq: number): void {
    const key = `${userId}\n${clientId}`;
    if (!this.ackedSeq.has(key)) this.ackedSeq.set(key, seq);
    this.seqs(key).add(seq);
  }

  get acked(): number {
    return this.ackedSeq.size;
  }

  private seqs(key: string): Set<number> {
    let seqs = this.seqsOf.get(key);
    if (!seqs) this.seqsOf.set(key, (seqs = new Set()));
    return seqs;
  }

  verify(history: StoredEntry[]): StormVerdict {
    const atSeq = new Map(history.map((entry) => [entry.seq, `${entry.userId}\n${entry.clientId}`]));
    const seqsOf = new Map([...this.seqsOf].map(([key, seqs]) => [key, new Set(seqs)]));
    for (const entry of history) {
      const key = `${entry.userId}\n${entry.clientId}`;
      let seqs = seqsOf.get(key);
      if (!seqs) seqsOf.set(key, (seqs = new Set()));
      seqs.add(entry.seq);
    }
    let lost = 0;
    for (const [key, seq] of this.ackedSeq) if (atSeq.get(seq) !== key) lost += 1;
    let duplicated = 0;
    for (const seqs of seqsOf.values()) duplicated += seqs.size - 1;
    return { acked: this.acked, lost, duplicated };
  }
}
